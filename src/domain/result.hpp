// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (bad field, not found, forbidden, stale version) are values, never
// exceptions. Member names follow std::expected so that moving to C++23 is a rename.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tl {

// Each code maps to exactly one HTTP status in http/error_response.cpp.
enum class ErrorCode {
    kValidationFailed,    // a field is missing, of the wrong type, out of range, unknown
    kInvalidQuery,        // a query-language text that does not parse or fit the product
    kMalformedJson,       // the body is not JSON at all
    kUnauthenticated,     // no credentials or expired credentials
    kForbidden,           // authenticated but the role matrix says no
    kNotFound,            // absent, or in another workspace (no existence leak)
    kConflict,            // a uniqueness or business rule conflict
    kPreconditionFailed,  // If-Match names a stale version
    kPayloadTooLarge,
    kRateLimited,
    kUnavailable,  // the database is busy or gone
    kInternal,     // a bug or a broken environment
};

// One problem with one field of the input. `field` is a dotted path ("members.2").
struct FieldIssue {
    std::string field;
    std::string issue;

    friend bool operator==(const FieldIssue&, const FieldIssue&) = default;
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::vector<FieldIssue> details;
    // Seconds the client should wait; set with kRateLimited.
    std::optional<int> retry_after_seconds;
    // kInvalidQuery: where in the query text (0-based) and what would have been valid there.
    std::optional<std::size_t> position;
    std::string expected;
    // A more specific name for the answer's error.code than the code's own (a 409
    // "sprint_active" rather than "conflict"); empty for the code's name.
    std::string code_name;
};

inline Error MakeError(ErrorCode code, std::string message) {
    Error e;
    e.code = code;
    e.message = std::move(message);
    return e;
}
inline Error NotFound(std::string what) {
    return MakeError(ErrorCode::kNotFound, std::move(what) + " not found");
}
inline Error Forbidden(std::string why) { return MakeError(ErrorCode::kForbidden, std::move(why)); }
inline Error Conflict(std::string why) { return MakeError(ErrorCode::kConflict, std::move(why)); }
inline Error ValidationFailed(std::vector<FieldIssue> details) {
    Error e = MakeError(ErrorCode::kValidationFailed, "the request has invalid fields");
    e.details = std::move(details);
    return e;
}

// Tag to construct a failed Result, like std::unexpected.
struct Unexpected {
    Error error;
};
inline Unexpected Fail(Error e) { return Unexpected{std::move(e)}; }

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design, like expected
    Result(Unexpected u) : v_(std::move(u.error)) {}  // NOLINT
    Result(Error e) : v_(std::move(e)) {}             // NOLINT

    bool has_value() const { return v_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(v_);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(v_);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(v_));
    }
    const Error& error() const {
        assert(!has_value());
        return std::get<1>(v_);
    }
    Error& error() {
        assert(!has_value());
        return std::get<1>(v_);
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected u) : e_(std::move(u.error)) {}  // NOLINT
    Result(Error e) : e_(std::move(e)) {}             // NOLINT

    bool has_value() const { return !e_.has_value(); }
    explicit operator bool() const { return has_value(); }
    const Error& error() const {
        assert(e_.has_value());
        return *e_;
    }
    Error& error() {
        assert(e_.has_value());
        return *e_;
    }

private:
    std::optional<Error> e_;
};

// Propagates a failed Result from the current function.
#define TL_TRY(expr)                              \
    do {                                          \
        auto&& tl_try_r_ = (expr);                \
        if (!tl_try_r_) {                         \
            return ::tl::Fail(tl_try_r_.error()); \
        }                                         \
    } while (false)

// Assigns the value of a Result to `lhs`, or propagates its error.
#define TL_CONCAT_INNER(a, b) a##b
#define TL_CONCAT(a, b) TL_CONCAT_INNER(a, b)
#define TL_ASSIGN_OR_RETURN(lhs, expr) \
    TL_ASSIGN_OR_RETURN_IMPL(TL_CONCAT(tl_r_, __LINE__), lhs, expr)
#define TL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)   \
    auto tmp = (expr);                             \
    if (!tmp) {                                    \
        return ::tl::Fail(std::move(tmp.error())); \
    }                                              \
    lhs = std::move(tmp).value()

}  // namespace tl
