#include "app/crypto.hpp"

#include <array>
#include <mutex>

#include <sodium.h>

namespace tl::app {
namespace {

// Crockford's base32 in lower case: ASCII-ascending, so ids sort by time.
constexpr std::string_view kBase32 = "0123456789abcdefghjkmnpqrstvwxyz";

std::string Hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

}  // namespace

void InitCrypto() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            std::abort();  // no usable randomness: nothing safe can run
        }
    });
}

Result<std::string> HashPassword(std::string_view password) {
    InitCrypto();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(),
                          password.data(),
                          password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return Fail(MakeError(ErrorCode::kUnavailable, "out of memory while hashing a password"));
    }
    return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
    InitCrypto();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewSecret(std::string_view prefix) {
    InitCrypto();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return std::string(prefix) + "_" + Hex(bytes.data(), bytes.size());
}

std::string HashSecret(std::string_view secret) {
    InitCrypto();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(),
                       digest.size(),
                       reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size(),
                       nullptr,
                       0);
    return Hex(digest.data(), digest.size());
}

std::string NewId(std::string_view prefix, std::int64_t now_ms) {
    InitCrypto();
    std::string id(prefix);
    id += '_';
    // 10 base32 digits of milliseconds (good until the year 36812), then 12 random digits.
    auto t = static_cast<std::uint64_t>(now_ms);
    char time_part[10];
    for (int i = 9; i >= 0; --i) {
        time_part[i] = kBase32[t & 31];
        t >>= 5;
    }
    id.append(time_part, 10);
    std::array<unsigned char, 12> random{};
    randombytes_buf(random.data(), random.size());
    for (unsigned char b : random) {
        id += kBase32[b & 31];
    }
    return id;
}

}  // namespace tl::app
