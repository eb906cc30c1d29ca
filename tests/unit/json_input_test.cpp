// JsonInput: every bad field reported at once, with its name and the reason.
#include "http/json_input.hpp"

#include <gtest/gtest.h>

#include "http/request.hpp"

namespace tl::http {
namespace {

TEST(JsonInput, MalformedJsonIsItsOwnError) {
    for (const char* body : {"", "{", "{\"a\":}", "nope", "{\"a\":1,}"}) {
        auto in = JsonInput::Parse(body);
        ASSERT_FALSE(in) << body;
        EXPECT_EQ(in.error().code, ErrorCode::kMalformedJson) << body;
    }
}

TEST(JsonInput, NonObjectBodiesAreValidationErrors) {
    for (const char* body : {"[]", "3", "\"x\"", "null"}) {
        auto in = JsonInput::Parse(body);
        ASSERT_FALSE(in) << body;
        EXPECT_EQ(in.error().code, ErrorCode::kValidationFailed) << body;
    }
}

TEST(JsonInput, ReportsEveryProblemTogether) {
    auto in = JsonInput::Parse(
        R"({"name":5,"flag":"yes","n":2.5,"big":1e30,"neg":-1,"list":["a",7],"colour":"red","ok":"fine","long":"abcdef"})");
    ASSERT_TRUE(in);
    EXPECT_FALSE(in->String("name"));
    EXPECT_FALSE(in->Bool("flag"));
    EXPECT_FALSE(in->Int("n", 0, 10));
    EXPECT_FALSE(in->Int("big", 0, 10));
    EXPECT_FALSE(in->Int("neg", 0, 10));
    EXPECT_FALSE(in->StringArray("list", 5));
    EXPECT_EQ(in->String("ok"), "fine");
    EXPECT_FALSE(in->String("long", 5));
    EXPECT_FALSE(in->String("absent"));
    auto issues = in->Finish();
    std::vector<std::string> fields;
    for (const auto& i : issues) {
        fields.push_back(i.field);
    }
    EXPECT_EQ(
        fields,
        (std::vector<std::string>{"name", "flag", "n", "big", "neg", "list.1", "long", "colour"}));
    EXPECT_EQ(issues[0].issue, "must be a string");
    EXPECT_EQ(issues[2].issue, "must be an integer between 0 and 10");
    EXPECT_EQ(issues.back().issue, "is not a known field");
}

TEST(JsonInput, NullClearsANullableReference) {
    auto in = JsonInput::Parse(R"({"product_id":null})");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->NullableString("product_id"), "");
    EXPECT_TRUE(in->Finish().empty());
}

TEST(JsonInput, EnumNamesTheAllowedValues) {
    auto in = JsonInput::Parse(R"({"stage":"sideways"})");
    ASSERT_TRUE(in);
    auto parse = [](std::string_view s) -> std::optional<int> {
        return s == "up" ? std::optional<int>(1) : std::nullopt;
    };
    EXPECT_FALSE(in->Enum("stage", parse, "up"));
    auto issues = in->Finish();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].issue, "must be one of up");
}

TEST(JsonInput, DeepNestingIsRefusedNotCrashed) {
    std::string deep(100, '[');
    deep += std::string(100, ']');
    auto in = JsonInput::Parse("{\"a\":" + deep + "}");
    ASSERT_FALSE(in);
    EXPECT_EQ(in.error().code, ErrorCode::kMalformedJson);
}

TEST(PageParams, LimitMustBeInRange) {
    Request req;
    req.query = {{"limit", "0"}};
    EXPECT_FALSE(ReadPageParams(req));
    req.query = {{"limit", "abc"}};
    EXPECT_FALSE(ReadPageParams(req));
    req.query = {{"limit", "201"}};
    EXPECT_FALSE(ReadPageParams(req));
    req.query = {{"limit", "25"}, {"cursor", "usr_1"}};
    auto ok = ReadPageParams(req);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->limit, 25);
    EXPECT_EQ(ok->cursor, "usr_1");
}

}  // namespace
}  // namespace tl::http
