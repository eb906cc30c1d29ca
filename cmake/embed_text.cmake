# Writes a C++ source defining tl::http::kOpenApiDocument from the file IN.
file(READ ${IN} CONTENT)
string(LENGTH "${CONTENT}" LEN)
# Split into chunks: compilers cap the length of one string literal.
set(BODY "")
set(POS 0)
while(POS LESS LEN)
  string(SUBSTRING "${CONTENT}" ${POS} 8000 CHUNK)
  string(APPEND BODY "R\"tl_embed(${CHUNK})tl_embed\"\n")
  math(EXPR POS "${POS} + 8000")
endwhile()
file(WRITE ${OUT} "// Generated from src/http/openapi.json; do not edit.\n#include <string_view>\nnamespace tl::http {\nextern const std::string_view kOpenApiDocument;\nconst std::string_view kOpenApiDocument =\n${BODY};\n}  // namespace tl::http\n")
