#include "domain/market.hpp"

#include <algorithm>

namespace tl::domain {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void CheckRequiredLine(Issues& issues,
                       const std::string& field,
                       std::string_view value,
                       std::size_t max) {
    CheckLine(issues, field, value, 1, max);
    if (!value.empty() && IsBlank(value)) {
        issues.push_back({field, "must not be blank"});
    }
}

// At most 30 one-line entries of 1–500 characters, each named `<field>.<i>`.
void CheckStringList(Issues& issues,
                     const std::string& field,
                     const std::vector<std::string>& list) {
    if (list.size() > kMaxMarketListEntries) {
        issues.push_back({field, "must hold at most 30 entries"});
    }
    for (std::size_t i = 0; i < list.size() && i < kMaxMarketListEntries; ++i) {
        CheckRequiredLine(
            issues, field + "." + std::to_string(i), list[i], kMaxMarketListEntryLength);
    }
}

void CheckUrl(Issues& issues, const std::string& field, std::string_view url) {
    if (!IsWebUrl(url)) {
        issues.push_back({field, "must be an http:// or https:// URL"});
    }
}

// At most 30 links: title up to 200 (one line), url a URL.
void CheckWebLinks(Issues& issues, const std::string& field, const std::vector<WebLink>& links) {
    if (links.size() > kMaxMarketListEntries) {
        issues.push_back({field, "must hold at most 30 entries"});
    }
    for (std::size_t i = 0; i < links.size() && i < kMaxMarketListEntries; ++i) {
        const std::string base = field + "." + std::to_string(i) + ".";
        CheckLine(issues, base + "title", links[i].title, 0, kMaxWebLinkTitleLength);
        CheckUrl(issues, base + "url", links[i].url);
    }
}

}  // namespace

std::string_view ToString(MarketRating rating) {
    switch (rating) {
        case MarketRating::kLow:
            return "low";
        case MarketRating::kMedium:
            return "medium";
        case MarketRating::kHigh:
            return "high";
    }
    return "medium";
}

std::optional<MarketRating> ParseMarketRating(std::string_view text) {
    for (auto r : kAllMarketRatings) {
        if (ToString(r) == text) {
            return r;
        }
    }
    return std::nullopt;
}

bool IsWebUrl(std::string_view text) {
    if (text.size() > kMaxUrlLength) {
        return false;
    }
    const std::string lower = Lower(text.substr(0, 8));
    std::size_t host = 0;
    if (lower.starts_with("https://")) {
        host = 8;
    } else if (lower.starts_with("http://")) {
        host = 7;
    } else {
        return false;
    }
    if (host >= text.size() || text[host] == '/' || text[host] == '?' || text[host] == '#') {
        return false;
    }
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

std::string_view ToString(PersonaLinkTarget target) {
    return target == PersonaLinkTarget::kFeedback ? "feedback" : "item";
}

std::optional<PersonaLinkTarget> ParsePersonaLinkTarget(std::string_view text) {
    for (auto t : kAllPersonaLinkTargets) {
        if (ToString(t) == text) {
            return t;
        }
    }
    return std::nullopt;
}

Issues ValidatePersona(const Persona& p) {
    Issues issues;
    CheckRequiredLine(issues, "name", p.name, kMaxPersonaNameLength);
    CheckLine(issues, "segment", p.segment, 0, kMaxPersonaLineLength);
    CheckLine(issues, "role", p.role, 0, kMaxPersonaLineLength);
    CheckText(issues, "description", p.description, kMaxPersonaDescriptionLength);
    CheckStringList(issues, "goals", p.goals);
    CheckStringList(issues, "pains", p.pains);
    CheckText(issues, "quote", p.quote, kMaxPersonaQuoteLength);
    if (p.links.size() > kMaxPersonaLinks) {
        issues.push_back({"links", "must hold at most 50 links"});
    }
    for (std::size_t i = 0; i < p.links.size() && i < kMaxPersonaLinks; ++i) {
        const std::string field = "links." + std::to_string(i) + ".id";
        const auto& l = p.links[i];
        if (l.id.empty()) {
            issues.push_back({field, "must not be empty"});
            continue;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (p.links[j].type == l.type && p.links[j].id == l.id) {
                issues.push_back({field, "is linked twice"});
                break;
            }
        }
    }
    return issues;
}

bool ContainsEveryWord(std::string_view text, std::string_view q) {
    const std::string haystack = Lower(text);
    const std::string needle = Lower(q);
    std::size_t start = 0;
    while (start < needle.size()) {
        auto end = needle.find_first_of(" \t", start);
        if (end == std::string::npos) {
            end = needle.size();
        }
        const std::string word = needle.substr(start, end - start);
        if (!word.empty() && haystack.find(word) == std::string::npos) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

bool MatchesText(const Persona& p, std::string_view q) {
    std::string text = p.name + "\n" + p.segment + "\n" + p.role + "\n" + p.description;
    for (const auto& g : p.goals) {
        text += "\n" + g;
    }
    for (const auto& pain : p.pains) {
        text += "\n" + pain;
    }
    return ContainsEveryWord(text, q);
}

std::string CompetitorNameKey(std::string_view name) { return Lower(name); }

Issues ValidateCompetitor(const Competitor& c) {
    Issues issues;
    CheckRequiredLine(issues, "name", c.name, kMaxCompetitorNameLength);
    if (!c.website.empty()) {
        CheckUrl(issues, "website", c.website);
    }
    CheckText(issues, "positioning", c.positioning, kMaxPositioningLength);
    CheckLine(issues, "pricing", c.pricing, 0, kMaxPricingLength);
    CheckStringList(issues, "strengths", c.strengths);
    CheckStringList(issues, "weaknesses", c.weaknesses);
    CheckWebLinks(issues, "links", c.links);
    CheckText(issues, "notes", c.notes, kMaxCompetitorNotesLength);
    return issues;
}

bool MatchesText(const Competitor& c, std::string_view q) {
    std::string text = c.name + "\n" + c.positioning + "\n" + c.pricing + "\n" + c.notes;
    for (const auto& s : c.strengths) {
        text += "\n" + s;
    }
    for (const auto& w : c.weaknesses) {
        text += "\n" + w;
    }
    return ContainsEveryWord(text, q);
}

std::string_view ToString(ComparisonValue value) {
    switch (value) {
        case ComparisonValue::kHas:
            return "has";
        case ComparisonValue::kPartial:
            return "partial";
        case ComparisonValue::kMissing:
            return "missing";
        case ComparisonValue::kBetter:
            return "better";
    }
    return "has";
}

std::optional<ComparisonValue> ParseComparisonValue(std::string_view text) {
    for (auto v : kAllComparisonValues) {
        if (ToString(v) == text) {
            return v;
        }
    }
    return std::nullopt;
}

std::string_view ToString(OurStatus status) {
    switch (status) {
        case OurStatus::kShipped:
            return "shipped";
        case OurStatus::kInProgress:
            return "in_progress";
        case OurStatus::kPlanned:
            return "planned";
    }
    return "planned";
}

OurStatus OurStatusOf(const Item& item) {
    if (item.category == StatusCategory::kDone || item.accepted_at > 0) {
        return OurStatus::kShipped;
    }
    if (!item.sprint_id.empty() || item.category == StatusCategory::kInProgress) {
        return OurStatus::kInProgress;
    }
    return OurStatus::kPlanned;
}

bool ComparableItemType(ItemType type) {
    return type == ItemType::kEpic || type == ItemType::kFeature;
}

Issues ValidateComparisonRow(const ComparisonRow& row) {
    Issues issues;
    CheckRequiredLine(issues, "capability", row.capability, kMaxCapabilityLength);
    if (row.position < 0 || row.position > kMaxRowPosition) {
        issues.push_back({"position", "must be 0 to 1000000000"});
    }
    return issues;
}

Issues ValidateComparisonCell(const ComparisonCell& cell) {
    Issues issues;
    CheckLine(issues, "note", cell.note, 0, kMaxCellNoteLength);
    return issues;
}

ComparisonSummary Summarize(const std::string& competitor_id, const std::vector<SummaryRow>& rows) {
    ComparisonSummary s;
    s.competitor_id = competitor_id;
    for (const auto& row : rows) {
        const auto cell = row.cells.find(competitor_id);
        if (cell == row.cells.end()) {
            ++s.unknown;
            continue;
        }
        const bool shipped = row.ours == OurStatus::kShipped;
        switch (cell->second) {
            case ComparisonValue::kHas:
                ++s.has;
                if (row.ours && !shipped) {
                    ++s.gap;
                }
                break;
            case ComparisonValue::kPartial:
            case ComparisonValue::kMissing:
                ++(cell->second == ComparisonValue::kPartial ? s.partial : s.missing);
                if (shipped || !row.ours) {
                    ++s.edge;
                }
                break;
            case ComparisonValue::kBetter:
                ++s.better;
                ++s.gap;
                break;
        }
    }
    return s;
}

std::string_view ToString(MarketNoteKind kind) {
    switch (kind) {
        case MarketNoteKind::kResearch:
            return "research";
        case MarketNoteKind::kTrend:
            return "trend";
        case MarketNoteKind::kNews:
            return "news";
        case MarketNoteKind::kAnalyst:
            return "analyst";
    }
    return "research";
}

std::optional<MarketNoteKind> ParseMarketNoteKind(std::string_view text) {
    for (auto k : kAllMarketNoteKinds) {
        if (ToString(k) == text) {
            return k;
        }
    }
    return std::nullopt;
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& t : tags) {
        std::string tag = Lower(t);
        if (std::find(out.begin(), out.end(), tag) == out.end()) {
            out.push_back(std::move(tag));
        }
    }
    return out;
}

Issues ValidateMarketNote(const MarketNote& n) {
    Issues issues;
    CheckRequiredLine(issues, "title", n.title, kMaxMarketNoteTitleLength);
    CheckText(issues, "body", n.body, kMaxMarketNoteBodyLength);
    if (!IsCalendarDate(n.date)) {
        issues.push_back({"date", "must be a date YYYY-MM-DD"});
    }
    CheckWebLinks(issues, "sources", n.sources);
    if (n.tags.size() > kMaxMarketNoteTags) {
        issues.push_back({"tags", "must hold at most 20 tags"});
    }
    for (std::size_t i = 0; i < n.tags.size() && i < kMaxMarketNoteTags; ++i) {
        CheckRequiredLine(issues, "tags." + std::to_string(i), n.tags[i], kMaxMarketTagLength);
    }
    return issues;
}

}  // namespace tl::domain
