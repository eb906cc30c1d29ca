// Market and competition, the pure rules: names of ratings, link targets, cell values and note
// kinds; URLs; validation of personas, competitors, comparison rows and cells and market notes
// field by field; tags normalised; where we stand on an item; and the comparison summary,
// including the hand-worked example of docs/strategy.md.
#include "domain/market.hpp"

#include <gtest/gtest.h>

namespace tl::domain {
namespace {

bool Names(const Issues& issues, std::string_view field) {
    for (const auto& i : issues) {
        if (i.field == field) {
            return true;
        }
    }
    return false;
}

TEST(MarketRules, NamesRoundTrip) {
    for (auto r : kAllMarketRatings) {
        EXPECT_EQ(ParseMarketRating(ToString(r)), r);
    }
    for (auto t : kAllPersonaLinkTargets) {
        EXPECT_EQ(ParsePersonaLinkTarget(ToString(t)), t);
    }
    for (auto v : kAllComparisonValues) {
        EXPECT_EQ(ParseComparisonValue(ToString(v)), v);
    }
    for (auto k : kAllMarketNoteKinds) {
        EXPECT_EQ(ParseMarketNoteKind(ToString(k)), k);
    }
    EXPECT_FALSE(ParseMarketRating("severe"));
    EXPECT_FALSE(ParsePersonaLinkTarget("goal"));
    EXPECT_FALSE(ParseComparisonValue("unknown"));
    EXPECT_FALSE(ParseMarketNoteKind("rumour"));
    EXPECT_EQ(ToString(OurStatus::kInProgress), "in_progress");
}

TEST(MarketRules, WebUrls) {
    EXPECT_TRUE(IsWebUrl("https://aerovista.example"));
    EXPECT_TRUE(IsWebUrl("http://aerovista.example/pricing?plan=pro#top"));
    EXPECT_TRUE(IsWebUrl("HTTPS://AeroVista.example"));
    EXPECT_FALSE(IsWebUrl(""));
    EXPECT_FALSE(IsWebUrl("aerovista.example"));
    EXPECT_FALSE(IsWebUrl("ftp://aerovista.example"));
    EXPECT_FALSE(IsWebUrl("javascript:alert(1)"));
    EXPECT_FALSE(IsWebUrl("https://"));
    EXPECT_FALSE(IsWebUrl("https:///path"));
    EXPECT_FALSE(IsWebUrl("https://aero vista.example"));
    EXPECT_FALSE(IsWebUrl("https://aerovista.example/\n"));
    EXPECT_FALSE(IsWebUrl("https://" + std::string(2'000, 'a')));
}

TEST(MarketRules, PersonaFieldByField) {
    Persona p;
    p.name = "Ingrid, inspection lead";
    p.segment = "Energy utilities";
    p.goals = {"Inspect 40 km of line a day"};
    p.pains = {"Battery swaps in the field"};
    EXPECT_TRUE(ValidatePersona(p).empty());

    Persona bad = p;
    bad.name = "   ";
    bad.segment = std::string(201, 's');
    bad.role = "Lead\nInspector";
    bad.goals = {"ok", ""};
    bad.pains = std::vector<std::string>(31, "pain");
    bad.quote = std::string(2'001, 'q');
    bad.links = {{PersonaLinkTarget::kItem, "itm_1"},
                 {PersonaLinkTarget::kItem, ""},
                 {PersonaLinkTarget::kItem, "itm_1"}};
    const Issues issues = ValidatePersona(bad);
    for (const char* field :
         {"name", "segment", "role", "goals.1", "pains", "quote", "links.1.id", "links.2.id"}) {
        EXPECT_TRUE(Names(issues, field)) << field;
    }
    EXPECT_FALSE(Names(issues, "goals.0"));
    // The same id as feedback is another link.
    bad = p;
    bad.links = {{PersonaLinkTarget::kItem, "x_1"}, {PersonaLinkTarget::kFeedback, "x_1"}};
    EXPECT_TRUE(ValidatePersona(bad).empty());
    bad.goals = {std::string(501, 'g')};
    EXPECT_TRUE(Names(ValidatePersona(bad), "goals.0"));
}

TEST(MarketRules, PersonaTextMatchesEveryWord) {
    Persona p;
    p.name = "Ingrid";
    p.segment = "Energy utilities";
    p.pains = {"Battery swaps in the field"};
    EXPECT_TRUE(MatchesText(p, ""));
    EXPECT_TRUE(MatchesText(p, "ENERGY battery"));
    EXPECT_FALSE(MatchesText(p, "energy camera"));
}

TEST(MarketRules, CompetitorFieldByField) {
    Competitor c;
    c.name = "AeroVista";
    c.website = "https://aerovista.example";
    c.pricing = "from 12,000 EUR per airframe";
    c.strengths = {"Thermal camera"};
    c.links = {{"Pricing page", "https://aerovista.example/pricing"}, {"", "http://x.example"}};
    EXPECT_TRUE(ValidateCompetitor(c).empty());

    Competitor bad = c;
    bad.name = "";
    bad.website = "aerovista.example";
    bad.pricing = "line\none";
    bad.weaknesses = {"fine", " "};
    bad.links = {{"ok", "mailto:x@y.example"}, {std::string(201, 't'), "https://ok.example"}};
    const Issues issues = ValidateCompetitor(bad);
    for (const char* field :
         {"name", "website", "pricing", "weaknesses.1", "links.0.url", "links.1.title"}) {
        EXPECT_TRUE(Names(issues, field)) << field;
    }
    EXPECT_FALSE(Names(issues, "links.0.title"));
    bad = c;
    bad.links = std::vector<WebLink>(31, WebLink{"t", "https://x.example"});
    EXPECT_TRUE(Names(ValidateCompetitor(bad), "links"));
    bad = c;
    bad.website = "";
    EXPECT_TRUE(ValidateCompetitor(bad).empty());
}

TEST(MarketRules, CompetitorNamesCompareCaseInsensitively) {
    EXPECT_EQ(CompetitorNameKey("AeroVista"), CompetitorNameKey("aerovista"));
    EXPECT_NE(CompetitorNameKey("AeroVista"), CompetitorNameKey("AeroVista 2"));
    Competitor c;
    c.name = "AeroVista";
    c.weaknesses = {"Short flight time"};
    EXPECT_TRUE(MatchesText(c, "aero flight"));
    EXPECT_FALSE(MatchesText(c, "camera"));
}

TEST(MarketRules, RowsAndCells) {
    ComparisonRow row;
    row.capability = "Thermal inspection";
    EXPECT_TRUE(ValidateComparisonRow(row).empty());
    row.capability = " ";
    row.position = -1;
    const Issues issues = ValidateComparisonRow(row);
    EXPECT_TRUE(Names(issues, "capability"));
    EXPECT_TRUE(Names(issues, "position"));
    ComparisonCell cell;
    cell.note = std::string(500, 'n');
    EXPECT_TRUE(ValidateComparisonCell(cell).empty());
    cell.note += "n";
    EXPECT_TRUE(Names(ValidateComparisonCell(cell), "note"));
    EXPECT_TRUE(ComparableItemType(ItemType::kEpic));
    EXPECT_TRUE(ComparableItemType(ItemType::kFeature));
    EXPECT_FALSE(ComparableItemType(ItemType::kStory));
}

TEST(MarketRules, WhereWeStandOnAnItem) {
    Item i;
    EXPECT_EQ(OurStatusOf(i), OurStatus::kPlanned);
    i.sprint_id = "spr_1";
    EXPECT_EQ(OurStatusOf(i), OurStatus::kInProgress);
    i.sprint_id = "";
    i.category = StatusCategory::kInProgress;
    EXPECT_EQ(OurStatusOf(i), OurStatus::kInProgress);
    i.category = StatusCategory::kDone;
    EXPECT_EQ(OurStatusOf(i), OurStatus::kShipped);
    i.category = StatusCategory::kToDo;
    i.accepted_at = 1'700'000'000'000;
    EXPECT_EQ(OurStatusOf(i), OurStatus::kShipped);
}

// docs/strategy.md: rows R1 (item done), R2 (item in the backlog), R3 (no item); competitor C
// has R1 missing, R2 has, R3 better.
TEST(MarketRules, SummaryOfTheWorkedExample) {
    const std::vector<SummaryRow> rows = {
        {OurStatus::kShipped, {{"C", ComparisonValue::kMissing}}},
        {OurStatus::kPlanned, {{"C", ComparisonValue::kHas}}},
        {std::nullopt, {{"C", ComparisonValue::kBetter}}},
    };
    const ComparisonSummary s = Summarize("C", rows);
    EXPECT_EQ(s.competitor_id, "C");
    EXPECT_EQ(s.has, 1);
    EXPECT_EQ(s.partial, 0);
    EXPECT_EQ(s.missing, 1);
    EXPECT_EQ(s.better, 1);
    EXPECT_EQ(s.unknown, 0);
    EXPECT_EQ(s.edge, 1);
    EXPECT_EQ(s.gap, 2);
    // Another competitor without cells: every row unknown.
    const ComparisonSummary d = Summarize("D", rows);
    EXPECT_EQ(d.unknown, 3);
    EXPECT_EQ(d.has + d.partial + d.missing + d.better + d.edge + d.gap, 0);
}

TEST(MarketRules, EdgeAndGapRules) {
    const std::vector<SummaryRow> rows = {
        // partial against a shipped item, and against a row without an item: our edge.
        {OurStatus::kShipped, {{"C", ComparisonValue::kPartial}}},
        {std::nullopt, {{"C", ComparisonValue::kPartial}}},
        // missing while we are still building it: neither.
        {OurStatus::kInProgress, {{"C", ComparisonValue::kMissing}}},
        // has: a gap only when we have an item that is not shipped.
        {OurStatus::kInProgress, {{"C", ComparisonValue::kHas}}},
        {OurStatus::kShipped, {{"C", ComparisonValue::kHas}}},
        {std::nullopt, {{"C", ComparisonValue::kHas}}},
        // better against a shipped item: still a gap.
        {OurStatus::kShipped, {{"C", ComparisonValue::kBetter}}},
        {OurStatus::kShipped, {}},
    };
    const ComparisonSummary s = Summarize("C", rows);
    EXPECT_EQ(s.partial, 2);
    EXPECT_EQ(s.missing, 1);
    EXPECT_EQ(s.has, 3);
    EXPECT_EQ(s.better, 1);
    EXPECT_EQ(s.unknown, 1);
    EXPECT_EQ(s.edge, 2);
    EXPECT_EQ(s.gap, 2);
}

TEST(MarketRules, TagsAreLowerCasedAndUnique) {
    EXPECT_EQ(NormalizeTags({"Thermal", "BVLOS", "thermal", "bvlos", "Regulation"}),
              (std::vector<std::string>{"thermal", "bvlos", "regulation"}));
    EXPECT_TRUE(NormalizeTags({}).empty());
}

TEST(MarketRules, MarketNoteFieldByField) {
    MarketNote n;
    n.title = "BVLOS rules relaxed in the EU";
    n.date = "2026-11-02";
    n.sources = {{"EASA", "https://easa.example/bvlos"}};
    n.tags = {"regulation", "bvlos"};
    EXPECT_TRUE(ValidateMarketNote(n).empty());

    MarketNote bad = n;
    bad.title = "";
    bad.date = "2026-02-30";
    bad.body = std::string(20'001, 'b');
    bad.sources = {{"no url", ""}};
    bad.tags = {"ok", std::string(41, 't'), ""};
    const Issues issues = ValidateMarketNote(bad);
    for (const char* field : {"title", "date", "body", "sources.0.url", "tags.1", "tags.2"}) {
        EXPECT_TRUE(Names(issues, field)) << field;
    }
    EXPECT_FALSE(Names(issues, "tags.0"));
    bad = n;
    bad.tags.clear();
    for (int i = 0; i < 21; ++i) {
        bad.tags.push_back("t" + std::to_string(i));
    }
    EXPECT_TRUE(Names(ValidateMarketNote(bad), "tags"));
}

TEST(MarketRules, EveryWordMatches) {
    EXPECT_TRUE(ContainsEveryWord("Thermal Camera upgrade", "camera THERMAL"));
    EXPECT_TRUE(ContainsEveryWord("anything", "  "));
    EXPECT_FALSE(ContainsEveryWord("Thermal camera", "thermal lidar"));
}

}  // namespace
}  // namespace tl::domain
