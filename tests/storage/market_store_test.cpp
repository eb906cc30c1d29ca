// The Store's market and competition against a real database: personas written and read whole
// (lists and links in order) with the linked filter, competitors unique by name in any case,
// comparison rows by position with cells set, replaced and cleared, market notes paged newest
// first and filtered by kind, competitor, persona, tag and words, and what deleting a persona,
// a competitor or a row takes along. Compiled into both storage suites; the backend is the
// suite's.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/suite_database.hpp"

namespace tl::storage {
namespace {

class MarketStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = std::make_unique<test::SuiteDatabase>("market-store");
        auto store = database_->OpenStore();
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            TL_TRY(tx.InsertProduct(Product("p1", "ws1", "DRN")));
            TL_TRY(tx.InsertProduct(Product("p2", "ws1", "OTH")));
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        database_.reset();
    }

    static domain::Product Product(std::string id, std::string ws, std::string key) {
        domain::Product p;
        p.id = std::move(id);
        p.workspace_id = std::move(ws);
        p.key = std::move(key);
        p.name = "Product " + p.key;
        p.created_at = p.updated_at = 10;
        return p;
    }
    static domain::Persona Persona(std::string id, std::string product, std::string name) {
        domain::Persona p;
        p.id = std::move(id);
        p.workspace_id = "ws1";
        p.product_id = std::move(product);
        p.name = std::move(name);
        p.segment = "Energy utilities";
        p.role = "Inspection lead";
        p.description = "Runs line inspections.\nTwo crews.";
        p.goals = {"Inspect 40 km a day", "No climbing"};
        p.pains = {"Battery swaps"};
        p.quote = "Every swap costs us a tower.";
        p.created_by = "u1";
        p.created_at = p.updated_at = 10;
        return p;
    }
    static domain::Competitor Competitor(std::string id, std::string product, std::string name) {
        domain::Competitor c;
        c.id = std::move(id);
        c.workspace_id = "ws1";
        c.product_id = std::move(product);
        c.name = std::move(name);
        c.website = "https://" + c.id + ".example";
        c.positioning = "Premium inspection drones";
        c.pricing = "from 12,000 EUR per airframe";
        c.strengths = {"Thermal camera", "Dealer network"};
        c.weaknesses = {"Short flight time"};
        c.links = {{"Pricing", "https://x.example/pricing"}, {"", "https://x.example/news"}};
        c.threat = domain::MarketRating::kHigh;
        c.notes = "Met them at the fair";
        c.created_at = c.updated_at = 10;
        return c;
    }
    static domain::ComparisonRow Row(std::string id, std::int64_t position, std::int64_t at) {
        domain::ComparisonRow r;
        r.id = std::move(id);
        r.workspace_id = "ws1";
        r.product_id = "p1";
        r.capability = "Capability " + r.id;
        r.position = position;
        r.created_at = r.updated_at = at;
        return r;
    }
    static domain::ComparisonCell Cell(std::string row,
                                       std::string competitor,
                                       domain::ComparisonValue value,
                                       std::string note) {
        domain::ComparisonCell c;
        c.workspace_id = "ws1";
        c.product_id = "p1";
        c.row_id = std::move(row);
        c.competitor_id = std::move(competitor);
        c.value = value;
        c.note = std::move(note);
        c.updated_by = "u1";
        c.updated_at = 50;
        return c;
    }
    static domain::MarketNote Note(std::string id, std::string date, std::int64_t at) {
        domain::MarketNote n;
        n.id = std::move(id);
        n.workspace_id = "ws1";
        n.product_id = "p1";
        n.title = "Note " + n.id;
        n.body = "Body of " + n.id;
        n.date = std::move(date);
        n.created_by = "u1";
        n.created_at = n.updated_at = at;
        return n;
    }
    static std::vector<std::string> Ids(const std::vector<domain::MarketNote>& notes) {
        std::vector<std::string> out;
        for (const auto& n : notes) {
            out.push_back(n.id);
        }
        return out;
    }

    std::unique_ptr<test::SuiteDatabase> database_;
    std::unique_ptr<Store> store_;
};

TEST_P(MarketStore, PersonasAreWrittenAndReadWhole) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        auto ingrid = Persona("per1", "p1", "Ingrid");
        ingrid.links = {{domain::PersonaLinkTarget::kItem, "itm9"},
                        {domain::PersonaLinkTarget::kFeedback, "cfb3"},
                        {domain::PersonaLinkTarget::kItem, "itm2"}};
        TL_TRY(tx.InsertPersona(ingrid));
        TL_TRY(tx.InsertPersona(Persona("per2", "p1", "Anton")));
        TL_TRY(tx.InsertPersona(Persona("per3", "p2", "Other")));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto list, tx.ListPersonas("ws1", "p1", std::nullopt));
        EXPECT_EQ(list.size(), 2u);
        if (list.size() == 2) {
            EXPECT_EQ(list[0].name, "Anton");  // by name
            EXPECT_EQ(list[1].name, "Ingrid");
        }
        TL_ASSIGN_OR_RETURN(auto ingrid, tx.GetPersona("ws1", "per1"));
        EXPECT_EQ(ingrid.segment, "Energy utilities");
        EXPECT_EQ(ingrid.description, "Runs line inspections.\nTwo crews.");
        EXPECT_EQ(ingrid.goals, (std::vector<std::string>{"Inspect 40 km a day", "No climbing"}));
        EXPECT_EQ(ingrid.pains, (std::vector<std::string>{"Battery swaps"}));
        EXPECT_EQ(ingrid.quote, "Every swap costs us a tower.");
        EXPECT_EQ(ingrid.links.size(), 3u);
        if (ingrid.links.size() == 3) {
            EXPECT_EQ(ingrid.links[0].id, "itm9");  // in order
            EXPECT_EQ(ingrid.links[1].type, domain::PersonaLinkTarget::kFeedback);
            EXPECT_EQ(ingrid.links[2].id, "itm2");
        }
        TL_ASSIGN_OR_RETURN(auto anton, tx.GetPersona("ws1", "per2"));
        EXPECT_TRUE(anton.links.empty());
        TL_ASSIGN_OR_RETURN(
            auto linked,
            tx.ListPersonas(
                "ws1", "p1", domain::PersonaLink{domain::PersonaLinkTarget::kItem, "itm2"}));
        EXPECT_EQ(linked.size(), 1u);
        TL_ASSIGN_OR_RETURN(
            auto feedback_as_item,
            tx.ListPersonas(
                "ws1", "p1", domain::PersonaLink{domain::PersonaLinkTarget::kItem, "cfb3"}));
        EXPECT_TRUE(feedback_as_item.empty());
        EXPECT_FALSE(tx.GetPersona("ws2", "per1"));  // another workspace: absent
        return {};
    }));
    // A versioned change rewrites the lists; a stale one is refused.
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto p, tx.GetPersona("ws1", "per1"));
        p.goals = {};
        p.links = {{domain::PersonaLinkTarget::kFeedback, "cfb3"}};
        p.version = 2;
        TL_TRY(tx.UpdatePersona(p, 1));
        auto stale = tx.UpdatePersona(p, 1);
        EXPECT_FALSE(stale);
        if (!stale) {
            EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
        }
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto p, tx.GetPersona("ws1", "per1"));
        EXPECT_EQ(p.version, 2);
        EXPECT_TRUE(p.goals.empty());
        EXPECT_EQ(p.links.size(), 1u);
        return {};
    }));
}

TEST_P(MarketStore, CompetitorsAreUniqueByNameInAnyCase) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertCompetitor(Competitor("cmp1", "p1", "AeroVista")));
        TL_TRY(tx.InsertCompetitor(Competitor("cmp2", "p1", "Birdseye")));
        // The same name in another product is another competitor.
        TL_TRY(tx.InsertCompetitor(Competitor("cmp3", "p2", "AeroVista")));
        return {};
    }));
    auto duplicate = store_->Write([&](Tx& tx) -> Result<void> {
        return tx.InsertCompetitor(Competitor("cmp4", "p1", "AEROVISTA"));
    });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto list, tx.ListCompetitors("ws1", "p1"));
        EXPECT_EQ(list.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto c, tx.GetCompetitor("ws1", "cmp1"));
        EXPECT_EQ(c.website, "https://cmp1.example");
        EXPECT_EQ(c.pricing, "from 12,000 EUR per airframe");
        EXPECT_EQ(c.strengths, (std::vector<std::string>{"Thermal camera", "Dealer network"}));
        EXPECT_EQ(c.weaknesses, (std::vector<std::string>{"Short flight time"}));
        EXPECT_EQ(c.links.size(), 2u);
        if (c.links.size() == 2) {
            EXPECT_EQ(c.links[0].title, "Pricing");
            EXPECT_EQ(c.links[0].url, "https://x.example/pricing");
            EXPECT_EQ(c.links[1].title, "");
            EXPECT_EQ(c.links[1].url, "https://x.example/news");
        }
        EXPECT_EQ(c.threat, domain::MarketRating::kHigh);
        return {};
    }));
    // Renaming onto another's name conflicts too.
    auto rename = store_->Write([&](Tx& tx) -> Result<void> {
        auto c = Competitor("cmp2", "p1", "aeroVISTA");
        c.version = 2;
        return tx.UpdateCompetitor(c, 1);
    });
    ASSERT_FALSE(rename);
    EXPECT_EQ(rename.error().code, ErrorCode::kConflict);
}

TEST_P(MarketStore, RowsAndCellsAndWhatDeletingTakesAlong) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertCompetitor(Competitor("cmp1", "p1", "AeroVista")));
        TL_TRY(tx.InsertCompetitor(Competitor("cmp2", "p1", "Birdseye")));
        auto r1 = Row("row1", 2, 100);
        r1.item_id = "itm1";
        TL_TRY(tx.InsertComparisonRow(r1));
        TL_TRY(tx.InsertComparisonRow(Row("row2", 1, 200)));
        TL_TRY(tx.InsertComparisonRow(Row("row3", 2, 300)));
        TL_TRY(tx.PutComparisonCell(Cell("row1", "cmp1", domain::ComparisonValue::kHas, "")));
        TL_TRY(tx.PutComparisonCell(Cell("row1", "cmp2", domain::ComparisonValue::kBetter, "")));
        TL_TRY(tx.PutComparisonCell(Cell("row2", "cmp1", domain::ComparisonValue::kMissing, "")));
        // Writing a cell again replaces it.
        TL_TRY(tx.PutComparisonCell(
            Cell("row1", "cmp1", domain::ComparisonValue::kPartial, "No night mode")));
        TL_TRY(tx.InsertMarketNote([] {
            auto n = Note("mkn1", "2026-11-01", 10);
            n.competitor_id = "cmp1";
            n.persona_id = "per1";
            return n;
        }()));
        TL_TRY(tx.InsertPersona(Persona("per1", "p1", "Ingrid")));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListComparisonRows("ws1", "p1"));
        EXPECT_EQ(rows.size(), 3u);
        if (rows.size() == 3) {
            EXPECT_EQ(rows[0].id, "row2");  // by position, then creation
            EXPECT_EQ(rows[1].id, "row1");
            EXPECT_EQ(rows[2].id, "row3");
            EXPECT_EQ(rows[1].item_id, "itm1");
            EXPECT_EQ(rows[0].item_id, "");
        }
        TL_ASSIGN_OR_RETURN(auto cells, tx.ListComparisonCells("ws1", "p1", ""));
        EXPECT_EQ(cells.size(), 3u);
        TL_ASSIGN_OR_RETURN(auto row1, tx.ListComparisonCells("ws1", "p1", "row1"));
        EXPECT_EQ(row1.size(), 2u);
        if (row1.size() == 2) {
            EXPECT_EQ(row1[0].competitor_id, "cmp1");
            EXPECT_EQ(row1[0].value, domain::ComparisonValue::kPartial);
            EXPECT_EQ(row1[0].note, "No night mode");
        }
        TL_ASSIGN_OR_RETURN(auto about, tx.CountMarketNotesAbout("ws1", "cmp1"));
        EXPECT_EQ(about, 1);
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto cleared, tx.DeleteComparisonCell("ws1", "row1", "cmp2"));
        EXPECT_TRUE(cleared);
        TL_ASSIGN_OR_RETURN(auto again, tx.DeleteComparisonCell("ws1", "row1", "cmp2"));
        EXPECT_FALSE(again);
        TL_TRY(tx.DeleteCompetitor("ws1", "cmp1"));
        TL_TRY(tx.DeletePersona("ws1", "per1"));
        TL_TRY(tx.DeleteComparisonRow("ws1", "row3"));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        // The competitor's cells went with it; the note stays, about no competitor or persona.
        TL_ASSIGN_OR_RETURN(auto cells, tx.ListComparisonCells("ws1", "p1", ""));
        EXPECT_TRUE(cells.empty());
        TL_ASSIGN_OR_RETURN(auto note, tx.GetMarketNote("ws1", "mkn1"));
        EXPECT_EQ(note.competitor_id, "");
        EXPECT_EQ(note.persona_id, "");
        EXPECT_FALSE(tx.GetCompetitor("ws1", "cmp1"));
        EXPECT_FALSE(tx.GetPersona("ws1", "per1"));
        TL_ASSIGN_OR_RETURN(auto rows, tx.ListComparisonRows("ws1", "p1"));
        EXPECT_EQ(rows.size(), 2u);
        return {};
    }));
    // A row's versioned change.
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto row, tx.GetComparisonRow("ws1", "row1"));
        row.item_id = "";
        row.capability = "Night inspection";
        row.version = 2;
        TL_TRY(tx.UpdateComparisonRow(row, 1));
        auto stale = tx.UpdateComparisonRow(row, 1);
        EXPECT_FALSE(stale);
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto row, tx.GetComparisonRow("ws1", "row1"));
        EXPECT_EQ(row.capability, "Night inspection");
        EXPECT_EQ(row.item_id, "");
        EXPECT_EQ(row.version, 2);
        return {};
    }));
}

TEST_P(MarketStore, NotesArePagedNewestFirstAndFiltered) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        auto n1 = Note("mkn1", "2026-10-01", 10);
        n1.kind = domain::MarketNoteKind::kTrend;
        n1.tags = {"bvlos", "regulation"};
        n1.sources = {{"EASA", "https://easa.example/bvlos"}};
        n1.impact = domain::MarketRating::kHigh;
        n1.competitor_id = "cmp1";
        TL_TRY(tx.InsertMarketNote(n1));
        auto n2 = Note("mkn2", "2026-11-01", 20);
        n2.title = "Thermal cameras get cheaper";
        n2.tags = {"thermal"};
        n2.persona_id = "per1";
        TL_TRY(tx.InsertMarketNote(n2));
        auto n3 = Note("mkn3", "2026-11-01", 30);
        n3.tags = {"bvlos-trial"};  // not the tag "bvlos"
        n3.body = "100% of_trials passed";
        TL_TRY(tx.InsertMarketNote(n3));
        TL_TRY(tx.InsertMarketNote(Note("mkn4", "2026-09-15", 40)));
        auto other = Note("mkn5", "2026-12-01", 50);
        other.product_id = "p2";
        TL_TRY(tx.InsertMarketNote(other));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        MarketNoteFilter all;
        all.product_id = "p1";
        all.limit = 0;
        TL_ASSIGN_OR_RETURN(auto notes, tx.ListMarketNotes("ws1", all));
        // Newest date first, then newest created.
        EXPECT_EQ(Ids(notes), (std::vector<std::string>{"mkn3", "mkn2", "mkn1", "mkn4"}));
        for (const auto& n : notes) {
            if (n.id == "mkn1") {
                EXPECT_EQ(n.kind, domain::MarketNoteKind::kTrend);
                EXPECT_EQ(n.tags, (std::vector<std::string>{"bvlos", "regulation"}));
                EXPECT_EQ(n.sources.size(), 1u);
                EXPECT_EQ(n.impact, domain::MarketRating::kHigh);
                EXPECT_EQ(n.competitor_id, "cmp1");
            }
            if (n.id == "mkn4") {
                EXPECT_FALSE(n.impact.has_value());
                EXPECT_TRUE(n.tags.empty());
            }
        }
        // Pages: after the second note.
        MarketNoteFilter page = all;
        page.limit = 2;
        TL_ASSIGN_OR_RETURN(auto first, tx.ListMarketNotes("ws1", page));
        EXPECT_EQ(Ids(first), (std::vector<std::string>{"mkn3", "mkn2"}));
        page.before_date = "2026-11-01";
        page.before_at = 20;
        page.before_id = "mkn2";
        TL_ASSIGN_OR_RETURN(auto second, tx.ListMarketNotes("ws1", page));
        EXPECT_EQ(Ids(second), (std::vector<std::string>{"mkn1", "mkn4"}));

        MarketNoteFilter f = all;
        f.kind = domain::MarketNoteKind::kTrend;
        TL_ASSIGN_OR_RETURN(auto trends, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(trends), (std::vector<std::string>{"mkn1"}));
        f = all;
        f.tag = "bvlos";
        TL_ASSIGN_OR_RETURN(auto bvlos, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(bvlos), (std::vector<std::string>{"mkn1"}));
        f.tag = "regulation";
        TL_ASSIGN_OR_RETURN(auto regulation, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(regulation), (std::vector<std::string>{"mkn1"}));
        f = all;
        f.competitor_id = "cmp1";
        TL_ASSIGN_OR_RETURN(auto about, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(about), (std::vector<std::string>{"mkn1"}));
        f = all;
        f.persona_id = "per1";
        TL_ASSIGN_OR_RETURN(auto of_persona, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(of_persona), (std::vector<std::string>{"mkn2"}));
        f = all;
        f.words = {"THERMAL", "cheaper"};
        TL_ASSIGN_OR_RETURN(auto thermal, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(thermal), (std::vector<std::string>{"mkn2"}));
        f.words = {"bvlos"};  // in tags
        TL_ASSIGN_OR_RETURN(auto word_in_tags, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(word_in_tags), (std::vector<std::string>{"mkn3", "mkn1"}));
        f.words = {"100%"};  // LIKE's wildcards are plain characters
        TL_ASSIGN_OR_RETURN(auto percent, tx.ListMarketNotes("ws1", f));
        EXPECT_EQ(Ids(percent), (std::vector<std::string>{"mkn3"}));
        f.words = {"1_0"};
        TL_ASSIGN_OR_RETURN(auto underscore, tx.ListMarketNotes("ws1", f));
        EXPECT_TRUE(underscore.empty());
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto n, tx.GetMarketNote("ws1", "mkn1"));
        n.impact.reset();
        n.tags = {"regulation"};
        n.version = 2;
        TL_TRY(tx.UpdateMarketNote(n, 1));
        TL_TRY(tx.DeleteMarketNote("ws1", "mkn4"));
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto n, tx.GetMarketNote("ws1", "mkn1"));
        EXPECT_FALSE(n.impact.has_value());
        EXPECT_EQ(n.tags, (std::vector<std::string>{"regulation"}));
        EXPECT_FALSE(tx.GetMarketNote("ws1", "mkn4"));
        return {};
    }));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         MarketStore,
                         ::testing::Values(std::string(test::kSuiteBackend)),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tl::storage
