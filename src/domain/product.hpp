// Product: what a workspace builds, with a short key (DRN) and a life-cycle stage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/validation.hpp"

namespace tl::domain {

enum class LifecycleStage {
    kConception,
    kDevelopment,
    kLaunch,
    kGrowth,
    kMaturity,
    kDecline,
    kRetired,
};

inline constexpr std::array<LifecycleStage, 7> kAllStages = {
    LifecycleStage::kConception,
    LifecycleStage::kDevelopment,
    LifecycleStage::kLaunch,
    LifecycleStage::kGrowth,
    LifecycleStage::kMaturity,
    LifecycleStage::kDecline,
    LifecycleStage::kRetired,
};

std::string_view ToString(LifecycleStage stage);
std::optional<LifecycleStage> ParseStage(std::string_view text);

struct Product {
    std::string id;
    std::string workspace_id;
    std::string key;  // 2-10 upper-case letters or digits, starting with a letter
    std::string name;
    std::string description;  // Markdown
    LifecycleStage stage = LifecycleStage::kConception;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxDescriptionLength = 20'000;

Issues ValidateProduct(const Product& product);

}  // namespace tl::domain
