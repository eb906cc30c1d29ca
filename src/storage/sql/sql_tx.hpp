// SqlTx: the Tx over one Connection inside an open transaction. Portable SQL only; the
// query texts are named constants in the .cpp of each noun (accounts, products, events).
#pragma once

#include "storage/sql/connection.hpp"
#include "storage/store.hpp"

namespace tl::storage {

class SqlTx final : public Tx {
public:
    explicit SqlTx(Connection& conn) : conn_(conn) {}

    Result<void> InsertWorkspace(const domain::Workspace& w) override;
    Result<domain::Workspace> GetWorkspace(const std::string& id) override;
    Result<std::int64_t> CountWorkspaces() override;
    Result<std::vector<domain::Workspace>> ListWorkspaces() override;

    Result<void> InsertUser(const domain::User& u) override;
    Result<void> UpdateUser(const domain::User& u, std::int64_t expected_version) override;
    Result<domain::User> GetUser(const std::string& workspace_id, const std::string& id) override;
    Result<std::optional<domain::User>> FindUserByEmail(const std::string& email) override;
    Result<std::vector<domain::User>> ListUsers(const std::string& workspace_id,
                                                const Page& page) override;

    Result<void> InsertToken(const domain::AuthToken& t) override;
    Result<std::optional<domain::AuthToken>> FindTokenBySecretHash(
        const std::string& secret_hash) override;
    Result<void> TouchToken(const std::string& id, std::int64_t now) override;
    Result<void> RevokeToken(const std::string& workspace_id,
                             const std::string& id,
                             std::int64_t now) override;
    Result<domain::AuthToken> GetToken(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::AuthToken>> ListApiTokens(const std::string& workspace_id,
                                                         const std::string& user_id) override;
    Result<std::int64_t> RevokeSessionsOfUser(const std::string& workspace_id,
                                              const std::string& user_id,
                                              const std::string& keep_id,
                                              std::int64_t now) override;
    Result<std::int64_t> PurgeTokens(std::int64_t before) override;

    Result<void> RecordLoginFailure(const std::string& key, std::int64_t at) override;
    Result<LoginFailures> CountLoginFailures(const std::string& key, std::int64_t since) override;
    Result<void> ClearLoginFailures(const std::string& key) override;

    Result<void> InsertProduct(const domain::Product& p) override;
    Result<void> UpdateProduct(const domain::Product& p, std::int64_t expected_version) override;
    Result<domain::Product> GetProduct(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::Product>> ListProducts(const std::string& workspace_id,
                                                      const std::string& user_id,
                                                      const Page& page) override;

    Result<void> InsertRoleAssignment(const domain::RoleAssignment& a) override;
    Result<void> DeleteRoleAssignment(const std::string& workspace_id,
                                      const std::string& id) override;
    Result<domain::RoleAssignment> GetRoleAssignment(const std::string& workspace_id,
                                                     const std::string& id) override;
    Result<std::vector<domain::RoleAssignment>> ListRolesOfProduct(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<std::vector<domain::RoleAssignment>> ListRolesOfUser(
        const std::string& workspace_id, const std::string& user_id) override;
    Result<std::vector<RoleHolder>> ListRoleHolders(const std::string& workspace_id,
                                                    const std::string& product_id) override;
    Result<std::int64_t> CountProductsOwnedBy(const std::string& workspace_id,
                                              const std::string& user_id) override;

    Result<void> InsertTeam(const domain::Team& t) override;
    Result<void> UpdateTeam(const domain::Team& t, std::int64_t expected_version) override;
    Result<void> DeleteTeam(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Team> GetTeam(const std::string& workspace_id, const std::string& id) override;
    Result<std::vector<domain::Team>> ListTeams(const std::string& workspace_id,
                                                const Page& page) override;

    Result<std::optional<StoredSettings>> GetBacklogSettings(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> SaveBacklogSettings(const std::string& workspace_id,
                                     const std::string& product_id,
                                     const StoredSettings& settings,
                                     std::int64_t expected_version,
                                     std::int64_t now) override;

    Result<std::int64_t> TakeItemNumber(const std::string& workspace_id,
                                        const std::string& product_id) override;
    Result<void> InsertItem(const domain::Item& item) override;
    Result<void> UpdateItem(const domain::Item& item, std::int64_t expected_version) override;
    Result<void> UpdateItemRank(const domain::Item& item, std::int64_t expected_version) override;
    Result<void> DeleteItem(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Item> GetItem(const std::string& workspace_id, const std::string& id) override;
    Result<std::optional<domain::Item>> FindItemByKey(const std::string& workspace_id,
                                                      const std::string& product_key,
                                                      std::int64_t number) override;
    Result<std::vector<domain::Item>> GetItems(const std::string& workspace_id,
                                               const std::vector<std::string>& ids) override;
    Result<std::vector<domain::Item>> ListChildren(const std::string& workspace_id,
                                                   const std::string& parent_id) override;
    Result<ItemPage> ListItems(const std::string& workspace_id, const ItemQuery& query) override;
    Result<std::map<std::string, domain::Rollup>> RollupsOf(
        const std::string& workspace_id, const std::vector<std::string>& item_ids) override;
    Result<std::int64_t> CountItemsInStatus(const std::string& workspace_id,
                                            const std::string& product_id,
                                            const std::string& status) override;
    Result<void> DeleteFieldValues(const std::string& workspace_id,
                                   const std::string& field_id) override;
    Result<std::int64_t> CountItemsWithField(const std::string& workspace_id,
                                             const std::string& product_id,
                                             const std::string& field) override;

    Result<std::string> NeighbourRank(const std::string& workspace_id,
                                      const std::string& product_id,
                                      const std::string& rank,
                                      bool after) override;
    Result<std::string> EdgeRank(const std::string& workspace_id,
                                 const std::string& product_id,
                                 bool last) override;
    Result<std::vector<RankedId>> ListRankOrder(const std::string& workspace_id,
                                                const std::string& product_id) override;
    Result<void> RewriteRanks(const std::string& workspace_id,
                              const std::string& product_id,
                              const std::vector<std::string>& ids,
                              const std::vector<std::string>& ranks) override;

    Result<void> InsertLink(const domain::ItemLink& link) override;
    Result<void> DeleteLink(const std::string& workspace_id, const std::string& id) override;
    Result<domain::ItemLink> GetLink(const std::string& workspace_id,
                                     const std::string& id) override;
    Result<std::vector<domain::ItemLink>> ListLinksOf(const std::string& workspace_id,
                                                      const std::string& item_id) override;
    Result<std::vector<std::pair<std::string, std::string>>> ListBlocksEdges(
        const std::string& workspace_id, const std::string& product_id) override;

    Result<void> InsertComment(const domain::Comment& c) override;
    Result<void> UpdateComment(const domain::Comment& c, std::int64_t expected_version) override;
    Result<void> DeleteComment(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Comment> GetComment(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::Comment>> ListComments(const std::string& workspace_id,
                                                      const std::string& item_id) override;

    Result<void> AddWatcher(const std::string& workspace_id,
                            const std::string& item_id,
                            const std::string& user_id) override;
    Result<void> RemoveWatcher(const std::string& workspace_id,
                               const std::string& item_id,
                               const std::string& user_id) override;
    Result<std::vector<std::string>> ListWatchers(const std::string& workspace_id,
                                                  const std::string& item_id) override;
    Result<void> InsertNotification(const domain::Notification& n) override;
    Result<std::vector<domain::Notification>> ListNotifications(const std::string& workspace_id,
                                                                const std::string& user_id,
                                                                bool unread_only,
                                                                const Page& page) override;
    Result<domain::Notification> GetNotification(const std::string& workspace_id,
                                                 const std::string& user_id,
                                                 const std::string& id) override;
    Result<std::int64_t> CountUnreadNotifications(const std::string& workspace_id,
                                                  const std::string& user_id) override;
    Result<std::int64_t> MarkNotificationsRead(const std::string& workspace_id,
                                               const std::string& user_id,
                                               const std::string& id,
                                               std::int64_t now) override;

    Result<void> InsertPokerRound(const domain::PokerRound& r) override;
    Result<void> UpdatePokerRound(const domain::PokerRound& r,
                                  std::int64_t expected_version) override;
    Result<domain::PokerRound> GetPokerRound(const std::string& workspace_id,
                                             const std::string& id) override;
    Result<std::optional<domain::PokerRound>> LatestPokerRound(const std::string& workspace_id,
                                                               const std::string& item_id) override;
    Result<void> PutPokerVote(const std::string& workspace_id,
                              const domain::PokerVote& vote) override;

    Result<void> InsertView(const domain::SavedView& v) override;
    Result<void> UpdateView(const domain::SavedView& v, std::int64_t expected_version) override;
    Result<void> DeleteView(const std::string& workspace_id, const std::string& id) override;
    Result<domain::SavedView> GetView(const std::string& workspace_id,
                                      const std::string& id) override;
    Result<std::vector<domain::SavedView>> ListViews(const std::string& workspace_id,
                                                     const std::string& product_id,
                                                     const std::string& user_id) override;

    Result<void> ReindexItem(const std::string& workspace_id, const std::string& item_id) override;
    Result<std::vector<SearchHit>> SearchItems(const std::string& workspace_id,
                                               const SearchQuery& query) override;

    Result<void> LockScope(const std::string& scope) override { return conn_.LockScope(scope); }

    Result<void> AppendEvent(domain::AuditEvent& e) override;
    Result<std::vector<domain::AuditEvent>> ListEvents(const std::string& workspace_id,
                                                       const EventFilter& filter) override;
    Result<std::vector<domain::AuditEvent>> ListEventsAfter(const std::string& workspace_id,
                                                            std::int64_t after_seq,
                                                            int limit) override;
    Result<std::int64_t> LatestEventSeq(const std::string& workspace_id) override;

    // Board.
    Result<std::map<std::string, std::int64_t>> CountItemsByStatus(
        const std::string& workspace_id, const std::string& product_id) override;
    // Releases and test planning (sql/releases.cpp, sql/test_planning.cpp).
    Result<void> InsertRelease(const domain::Release& r) override;
    Result<void> UpdateRelease(const domain::Release& r, std::int64_t expected_revision) override;
    Result<domain::Release> GetRelease(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::Release>> ListReleases(const std::string& workspace_id,
                                                      const std::string& product_id) override;
    Result<std::vector<domain::Item>> ListReleaseItems(const std::string& workspace_id,
                                                       const std::string& release_id) override;
    Result<void> SetItemsRelease(const std::string& workspace_id,
                                 const std::vector<std::string>& item_ids,
                                 const std::string& release_id,
                                 std::int64_t now) override;
    Result<void> InsertTestCase(const domain::TestCase& c) override;
    Result<void> UpdateTestCase(const domain::TestCase& c, std::int64_t expected_version) override;
    Result<void> DeleteTestCase(const std::string& workspace_id, const std::string& id) override;
    Result<domain::TestCase> GetTestCase(const std::string& workspace_id,
                                         const std::string& id) override;
    Result<std::vector<domain::TestCase>> GetTestCases(
        const std::string& workspace_id, const std::vector<std::string>& ids) override;
    Result<std::vector<domain::TestCase>> ListTestCasesOfItems(
        const std::string& workspace_id, const std::vector<std::string>& item_ids) override;
    Result<void> InsertTestPlan(const domain::TestPlan& p) override;
    Result<void> UpdateTestPlan(const domain::TestPlan& p, std::int64_t expected_version) override;
    Result<void> DeleteTestPlan(const std::string& workspace_id, const std::string& id) override;
    Result<domain::TestPlan> GetTestPlan(const std::string& workspace_id,
                                         const std::string& id) override;
    Result<std::vector<domain::TestPlan>> ListTestPlans(const std::string& workspace_id,
                                                        const std::string& product_id,
                                                        const std::string& release_id) override;
    Result<void> InsertTestRun(const domain::TestRun& r) override;
    Result<domain::TestRun> GetTestRun(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::TestRun>> ListTestRunsOfPlan(const std::string& workspace_id,
                                                            const std::string& plan_id) override;
    Result<std::vector<domain::TestRun>> ListTestRunsOfCases(
        const std::string& workspace_id, const std::vector<std::string>& case_ids) override;
    Result<void> SetTestRunBug(const std::string& workspace_id,
                               const std::string& run_id,
                               const std::string& bug_id) override;
    Result<void> InsertSprint(const domain::Sprint& s) override;
    Result<void> UpdateSprint(const domain::Sprint& s, std::int64_t expected_version) override;
    Result<void> DeleteSprint(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Sprint> GetSprint(const std::string& workspace_id,
                                     const std::string& id) override;
    Result<std::vector<domain::Sprint>> ListSprints(const std::string& workspace_id,
                                                    const SprintFilter& filter) override;
    Result<std::vector<domain::Sprint>> ListCompletedSprints(const std::string& workspace_id,
                                                             const std::string& team_id,
                                                             const std::string& product_id,
                                                             int limit) override;
    Result<std::map<std::string, SprintTotals>> SprintTotalsOf(
        const std::string& workspace_id, const std::vector<std::string>& sprint_ids) override;
    Result<std::vector<domain::Item>> ListSprintItems(const std::string& workspace_id,
                                                      const std::string& sprint_id) override;
    Result<void> SetItemsSprint(const std::string& workspace_id,
                                const std::vector<std::string>& item_ids,
                                const std::string& sprint_id,
                                std::int64_t now) override;
    Result<void> PutSprintCapacity(const std::string& workspace_id,
                                   const std::string& sprint_id,
                                   const std::vector<domain::MemberCapacity>& members) override;
    Result<std::vector<domain::MemberCapacity>> ListSprintCapacity(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<void> InsertSprintBaseline(const std::string& workspace_id,
                                      const std::string& sprint_id,
                                      const std::vector<domain::BaselineEntry>& items) override;
    Result<std::vector<domain::BaselineEntry>> ListSprintBaseline(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<void> InsertSprintOutcomes(const std::string& workspace_id,
                                      const std::string& sprint_id,
                                      const std::vector<domain::SprintOutcome>& outcomes) override;
    Result<std::vector<domain::SprintOutcome>> ListSprintOutcomes(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<void> InsertScopeChange(const domain::ScopeChange& c) override;
    Result<std::vector<domain::ScopeChange>> ListScopeChanges(const std::string& workspace_id,
                                                              const std::string& scope_type,
                                                              const std::string& scope_id) override;
    Result<void> InsertChangeRequest(const domain::ChangeRequest& r) override;
    Result<void> UpdateChangeRequest(const domain::ChangeRequest& r,
                                     std::int64_t expected_version) override;
    Result<domain::ChangeRequest> GetChangeRequest(const std::string& workspace_id,
                                                   const std::string& id) override;
    Result<std::vector<domain::ChangeRequest>> ListChangeRequests(
        const std::string& workspace_id,
        const std::string& sprint_id,
        std::optional<domain::ChangeRequestStatus> status) override;

    // The workspaces this transaction appended events to (announced after commit).
    const std::vector<std::string>& event_workspaces() const { return event_workspaces_; }

    // ---- Release commitment, sprint reviews, retrospectives ----
    Result<void> InsertReleaseBaseline(const std::string& workspace_id,
                                       const std::string& release_id,
                                       const std::vector<domain::BaselineEntry>& items) override;
    Result<std::vector<domain::BaselineEntry>> ListReleaseBaseline(
        const std::string& workspace_id, const std::string& release_id) override;
    Result<std::int64_t> LatestScopeChangeAt(const std::string& workspace_id,
                                             const std::string& scope_type,
                                             const std::string& scope_id) override;
    Result<std::optional<domain::SprintReview>> GetSprintReview(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<void> SaveSprintReview(const domain::SprintReview& review,
                                  std::int64_t expected_version) override;
    Result<void> InsertReviewFeedback(const domain::ReviewFeedback& f) override;
    Result<domain::ReviewFeedback> GetReviewFeedback(const std::string& workspace_id,
                                                     const std::string& id) override;
    Result<void> DeleteReviewFeedback(const std::string& workspace_id,
                                      const std::string& id) override;
    Result<std::vector<domain::ReviewFeedback>> ListReviewFeedback(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<void> InsertRetroCard(const domain::RetroCard& c) override;
    Result<void> UpdateRetroCard(const domain::RetroCard& c,
                                 std::int64_t expected_version) override;
    Result<void> DeleteRetroCard(const std::string& workspace_id, const std::string& id) override;
    Result<domain::RetroCard> GetRetroCard(const std::string& workspace_id,
                                           const std::string& id) override;
    Result<std::vector<domain::RetroCard>> ListRetroCards(const std::string& workspace_id,
                                                          const std::string& sprint_id) override;
    Result<bool> ToggleRetroVote(const std::string& workspace_id,
                                 const domain::RetroCard& card,
                                 const std::string& user_id,
                                 std::int64_t now) override;
    Result<std::vector<domain::RetroVote>> ListRetroVotes(const std::string& workspace_id,
                                                          const std::string& sprint_id) override;
    Result<void> InsertRetroAction(const domain::RetroAction& a) override;
    Result<void> UpdateRetroAction(const domain::RetroAction& a,
                                   std::int64_t expected_version) override;
    Result<domain::RetroAction> GetRetroAction(const std::string& workspace_id,
                                               const std::string& id) override;
    Result<std::vector<domain::RetroAction>> ListRetroActions(
        const std::string& workspace_id, const std::string& sprint_id) override;
    Result<std::vector<domain::RetroAction>> ListOpenRetroActions(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::string& team_id) override;

    // ---- Customer voice ----
    Result<void> InsertCustomer(const domain::Customer& c) override;
    Result<void> UpdateCustomer(const domain::Customer& c, std::int64_t expected_version) override;
    Result<void> DeleteCustomer(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Customer> GetCustomer(const std::string& workspace_id,
                                         const std::string& id) override;
    Result<std::vector<domain::Customer>> ListCustomers(const std::string& workspace_id,
                                                        const std::string& product_id) override;
    Result<void> InsertContact(const domain::CustomerContact& c) override;
    Result<void> UpdateContact(const domain::CustomerContact& c,
                               std::int64_t expected_version) override;
    Result<void> DeleteContact(const std::string& workspace_id, const std::string& id) override;
    Result<domain::CustomerContact> GetContact(const std::string& workspace_id,
                                               const std::string& id) override;
    Result<std::vector<domain::CustomerContact>> ListContacts(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> InsertCustomerFeedback(const domain::CustomerFeedback& f) override;
    Result<void> UpdateCustomerFeedback(const domain::CustomerFeedback& f,
                                        std::int64_t expected_version) override;
    Result<void> DeleteCustomerFeedback(const std::string& workspace_id,
                                        const std::string& id) override;
    Result<domain::CustomerFeedback> GetCustomerFeedback(const std::string& workspace_id,
                                                         const std::string& id) override;
    Result<std::vector<domain::CustomerFeedback>> ListCustomerFeedback(
        const std::string& workspace_id, const CustomerFeedbackFilter& filter) override;
    Result<void> InsertFeedbackLink(const domain::FeedbackLink& l) override;
    Result<void> DeleteFeedbackLink(const std::string& workspace_id,
                                    const std::string& id) override;
    Result<domain::FeedbackLink> GetFeedbackLink(const std::string& workspace_id,
                                                 const std::string& id) override;
    Result<std::vector<domain::FeedbackLink>> ListFeedbackLinks(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> InsertIdea(const domain::Idea& idea) override;
    Result<void> UpdateIdea(const domain::Idea& idea, std::int64_t expected_version) override;
    Result<void> DeleteIdea(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Idea> GetIdea(const std::string& workspace_id, const std::string& id) override;
    Result<std::vector<domain::Idea>> ListIdeas(const std::string& workspace_id,
                                                const std::string& product_id) override;
    Result<void> InsertIdeaVote(const domain::IdeaVote& v) override;
    Result<void> DeleteIdeaVote(const std::string& workspace_id, const std::string& id) override;
    Result<domain::IdeaVote> GetIdeaVote(const std::string& workspace_id,
                                         const std::string& id) override;
    Result<std::vector<domain::IdeaVote>> ListIdeaVotes(const std::string& workspace_id,
                                                        const std::string& product_id) override;
    // ---- Stakeholders and decisions (sql/stakeholders.cpp, sql/decisions.cpp) ----
    Result<void> InsertStakeholder(const domain::Stakeholder& s) override;
    Result<void> UpdateStakeholder(const domain::Stakeholder& s,
                                   std::int64_t expected_version) override;
    Result<void> DeleteStakeholder(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Stakeholder> GetStakeholder(const std::string& workspace_id,
                                               const std::string& id) override;
    Result<std::vector<domain::Stakeholder>> ListStakeholders(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> InsertCommunication(const domain::Communication& c) override;
    Result<domain::Communication> GetCommunication(const std::string& workspace_id,
                                                   const std::string& id) override;
    Result<void> DeleteCommunication(const std::string& workspace_id,
                                     const std::string& id) override;
    Result<std::vector<domain::Communication>> ListCommunications(
        const std::string& workspace_id, const std::string& stakeholder_id) override;
    Result<std::map<std::string, std::string>> LastContactsOf(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<std::vector<domain::Item>> ListItemsAcceptedBetween(const std::string& workspace_id,
                                                               const std::string& product_id,
                                                               std::int64_t from_ms,
                                                               std::int64_t to_ms) override;
    Result<void> InsertDecision(const domain::Decision& d) override;
    Result<void> UpdateDecision(const domain::Decision& d, std::int64_t expected_version) override;
    Result<void> DeleteDecision(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Decision> GetDecision(const std::string& workspace_id,
                                         const std::string& id) override;
    Result<std::vector<domain::Decision>> ListDecisions(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::optional<domain::DecisionLink>& linked) override;
    // Strategy (storage/sql/strategy.cpp).
    Result<std::optional<domain::Vision>> GetVision(const std::string& workspace_id,
                                                    const std::string& product_id) override;
    Result<void> InsertVisionVersion(const domain::Vision& v) override;
    Result<std::vector<domain::Vision>> ListVisionHistory(const std::string& workspace_id,
                                                          const std::string& product_id,
                                                          std::int64_t before_version,
                                                          int limit) override;
    Result<void> InsertGoal(const domain::Goal& g) override;
    Result<void> UpdateGoal(const domain::Goal& g, std::int64_t expected_version) override;
    Result<void> DeleteGoal(const std::string& workspace_id,
                            const std::string& id,
                            std::int64_t now) override;
    Result<domain::Goal> GetGoal(const std::string& workspace_id, const std::string& id) override;
    Result<std::vector<domain::Goal>> ListGoals(const std::string& workspace_id,
                                                const std::string& product_id) override;
    Result<void> InsertKeyResult(const domain::KeyResult& kr) override;
    Result<void> UpdateKeyResult(const domain::KeyResult& kr,
                                 std::int64_t expected_version) override;
    Result<void> DeleteKeyResult(const std::string& workspace_id, const std::string& id) override;
    Result<domain::KeyResult> GetKeyResult(const std::string& workspace_id,
                                           const std::string& id) override;
    Result<std::vector<domain::KeyResult>> ListKeyResults(const std::string& workspace_id,
                                                          const std::string& product_id,
                                                          const std::string& goal_id) override;
    Result<void> InsertCheckIn(const domain::CheckIn& c) override;
    Result<void> DeleteCheckIn(const std::string& workspace_id, const std::string& id) override;
    Result<domain::CheckIn> GetCheckIn(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::CheckIn>> ListCheckIns(const std::string& workspace_id,
                                                      const std::string& product_id,
                                                      const std::string& goal_id) override;
    Result<void> InsertInitiative(const domain::Initiative& i) override;
    Result<void> UpdateInitiative(const domain::Initiative& i,
                                  std::int64_t expected_version) override;
    Result<void> DeleteInitiative(const std::string& workspace_id,
                                  const std::string& id,
                                  std::int64_t now) override;
    Result<domain::Initiative> GetInitiative(const std::string& workspace_id,
                                             const std::string& id) override;
    Result<std::vector<domain::Initiative>> ListInitiatives(const std::string& workspace_id,
                                                            const std::string& product_id) override;
    Result<std::vector<domain::Item>> ListAlignedItems(const std::string& workspace_id,
                                                       const std::string& product_id) override;
    Result<std::vector<WorkEntry>> ListWork(const std::string& workspace_id,
                                            const std::string& product_id,
                                            const WorkScope& scope) override;

    // Roadmap.
    Result<std::map<std::string, WorkTotals>> InitiativeWorkTotals(
        const std::string& workspace_id, const std::vector<std::string>& product_ids) override;
    Result<void> InsertRoadmapShare(const domain::RoadmapShare& s) override;
    Result<domain::RoadmapShare> GetRoadmapShare(const std::string& workspace_id,
                                                 const std::string& id) override;
    Result<std::optional<domain::RoadmapShare>> FindRoadmapShareByTokenHash(
        const std::string& token_hash) override;
    Result<std::vector<domain::RoadmapShare>> ListRoadmapShares(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> DeleteRoadmapShare(const std::string& workspace_id,
                                    const std::string& id) override;

    // ---- Market and competition (sql/market.cpp) ----
    Result<void> InsertPersona(const domain::Persona& p) override;
    Result<void> UpdatePersona(const domain::Persona& p, std::int64_t expected_version) override;
    Result<void> DeletePersona(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Persona> GetPersona(const std::string& workspace_id,
                                       const std::string& id) override;
    Result<std::vector<domain::Persona>> ListPersonas(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::optional<domain::PersonaLink>& linked) override;
    Result<void> InsertCompetitor(const domain::Competitor& c) override;
    Result<void> UpdateCompetitor(const domain::Competitor& c,
                                  std::int64_t expected_version) override;
    Result<void> DeleteCompetitor(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Competitor> GetCompetitor(const std::string& workspace_id,
                                             const std::string& id) override;
    Result<std::vector<domain::Competitor>> ListCompetitors(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> InsertComparisonRow(const domain::ComparisonRow& row) override;
    Result<void> UpdateComparisonRow(const domain::ComparisonRow& row,
                                     std::int64_t expected_version) override;
    Result<void> DeleteComparisonRow(const std::string& workspace_id,
                                     const std::string& id) override;
    Result<domain::ComparisonRow> GetComparisonRow(const std::string& workspace_id,
                                                   const std::string& id) override;
    Result<std::vector<domain::ComparisonRow>> ListComparisonRows(
        const std::string& workspace_id, const std::string& product_id) override;
    Result<void> PutComparisonCell(const domain::ComparisonCell& cell) override;
    Result<bool> DeleteComparisonCell(const std::string& workspace_id,
                                      const std::string& row_id,
                                      const std::string& competitor_id) override;
    Result<std::vector<domain::ComparisonCell>> ListComparisonCells(
        const std::string& workspace_id,
        const std::string& product_id,
        const std::string& row_id) override;
    Result<void> InsertMarketNote(const domain::MarketNote& n) override;
    Result<void> UpdateMarketNote(const domain::MarketNote& n,
                                  std::int64_t expected_version) override;
    Result<void> DeleteMarketNote(const std::string& workspace_id, const std::string& id) override;
    Result<domain::MarketNote> GetMarketNote(const std::string& workspace_id,
                                             const std::string& id) override;
    Result<std::vector<domain::MarketNote>> ListMarketNotes(
        const std::string& workspace_id, const MarketNoteFilter& filter) override;
    Result<std::int64_t> CountMarketNotesAbout(const std::string& workspace_id,
                                               const std::string& competitor_id) override;

private:
    Result<void> WriteDecisionParts(const domain::Decision& d);
    Result<void> LoadDecisionParts(const std::string& workspace_id,
                                   std::vector<domain::Decision>& decisions);
    Result<void> WritePersonaLinks(const domain::Persona& p);
    Result<void> LoadPersonaLinks(const std::string& workspace_id,
                                  std::vector<domain::Persona>& personas);
    // ---- Prioritisation (sql/prioritisation.cpp) ----
    Result<void> InsertScorecard(const domain::Scorecard& card) override;
    Result<void> UpdateScorecard(const domain::Scorecard& card,
                                 std::int64_t expected_version) override;
    Result<void> DeleteScorecard(const std::string& workspace_id, const std::string& id) override;
    Result<domain::Scorecard> GetScorecard(const std::string& workspace_id,
                                           const std::string& id) override;
    Result<std::vector<domain::Scorecard>> ListScorecards(const std::string& workspace_id,
                                                          const std::string& product_id) override;
    Result<void> PutItemScore(const domain::ItemScore& score) override;
    Result<bool> DeleteItemScore(const std::string& workspace_id,
                                 const std::string& item_id,
                                 const std::string& model) override;
    Result<std::vector<domain::ItemScore>> ListItemScores(const std::string& workspace_id,
                                                          const std::string& item_id) override;
    Result<std::vector<domain::ItemScore>> ListModelScores(const std::string& workspace_id,
                                                           const std::string& product_id,
                                                           const std::string& model) override;
    Result<void> InsertScoreChange(const domain::ScoreChange& change) override;
    Result<std::vector<domain::ScoreChange>> ListScoreChanges(const std::string& workspace_id,
                                                              const std::string& item_id,
                                                              const std::string& model,
                                                              int limit) override;
    Result<std::vector<PrioritisationItem>> ListPrioritisationItems(
        const std::string& workspace_id, const PrioritisationFilter& filter) override;

private:
    Result<void> WriteScorecardCriteria(const domain::Scorecard& card);
    Result<void> LoadScorecardCriteria(const std::string& workspace_id,
                                       std::vector<domain::Scorecard>& cards);

    Result<void> WriteItemParts(const domain::Item& item);
    // Sets `column` (sprint_id, release_id) of these items to `value` ("" for NULL), raising
    // their version and updated_at.
    Result<void> SetItemsReference(const std::string& workspace_id,
                                   const std::vector<std::string>& item_ids,
                                   std::string_view column,
                                   const std::string& value,
                                   std::int64_t now);
    Result<void> CheckItemWrite(Result<std::int64_t> changed, const domain::Item& item);
    Result<void> LoadItemParts(const std::string& workspace_id, std::vector<domain::Item>& items);
    Result<std::vector<domain::Item>> QueryItems(std::string_view sql, const SqlParams& params);
    Result<void> WriteTeamMembers(const domain::Team& t);
    Result<void> LoadTeamMembers(const std::string& workspace_id, domain::Team& t);
    Result<void> LoadTestCaseCriteria(const std::string& workspace_id,
                                      std::vector<domain::TestCase>& cases);
    Result<void> WriteTestCaseCriteria(const domain::TestCase& c);
    Result<void> LoadTestPlanCases(const std::string& workspace_id, domain::TestPlan& p);
    Result<void> WriteTestPlanCases(const domain::TestPlan& p);

    Connection& conn_;
    std::vector<std::string> event_workspaces_;
};

// A user from nine columns starting at `first`: id, workspace_id, email, name, password_hash,
// is_admin, version, created_at, updated_at.
domain::User UserFromRow(const SqlRow& r, std::size_t first = 0);

// Converts "no row changed" on a versioned UPDATE into not-found or stale-version.
Result<void> CheckVersionedUpdate(std::int64_t changed, bool exists, const std::string& what);

}  // namespace tl::storage
