#include "domain/product.hpp"

#include <utility>

#include "domain/user.hpp"

namespace tl::domain {
namespace {

constexpr std::array<std::pair<LifecycleStage, std::string_view>, 7> kStageNames = {{
    {LifecycleStage::kConception, "conception"},
    {LifecycleStage::kDevelopment, "development"},
    {LifecycleStage::kLaunch, "launch"},
    {LifecycleStage::kGrowth, "growth"},
    {LifecycleStage::kMaturity, "maturity"},
    {LifecycleStage::kDecline, "decline"},
    {LifecycleStage::kRetired, "retired"},
}};

bool ValidKey(std::string_view key) {
    if (key.size() < 2 || key.size() > 10 || key[0] < 'A' || key[0] > 'Z') {
        return false;
    }
    for (char c : key) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view ToString(LifecycleStage stage) {
    for (const auto& [s, name] : kStageNames) {
        if (s == stage) {
            return name;
        }
    }
    return "unknown";
}

std::optional<LifecycleStage> ParseStage(std::string_view text) {
    for (const auto& [s, name] : kStageNames) {
        if (name == text) {
            return s;
        }
    }
    return std::nullopt;
}

Issues ValidateProduct(const Product& product) {
    Issues issues;
    if (!ValidKey(product.key)) {
        issues.push_back({"key",
                          "must be 2-10 upper-case letters or digits starting with a letter, "
                          "such as DRN"});
    }
    CheckLine(issues, "name", product.name, 1, kMaxNameLength);
    CheckText(issues, "description", product.description, kMaxDescriptionLength);
    return issues;
}

}  // namespace tl::domain
