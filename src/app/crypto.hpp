// Password hashing (argon2id), secrets and ids, all through libsodium.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace tl::app {

// Initialises libsodium; call once at start (idempotent, thread-safe).
void InitCrypto();

// An argon2id hash string with its own salt and parameters.
Result<std::string> HashPassword(std::string_view password);
// Constant-time verification against a stored hash; false for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// A new secret token "<prefix>_<64 hex chars>" (256 random bits).
std::string NewSecret(std::string_view prefix);
// The stored form of a secret: hex BLAKE2b-256. Secrets are high-entropy, so no salt.
std::string HashSecret(std::string_view secret);

// A new opaque id "<prefix>_<time><random>", sortable by creation time.
std::string NewId(std::string_view prefix, std::int64_t now_ms);

}  // namespace tl::app
