// The Store contract: every backend must pass these. This file is compiled once per backend
// (tl_storage_sqlite_tests, tl_storage_postgres_tests); the instantiation at the end picks it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"
#include "support/throwaway_postgres.hpp"

namespace tl::storage {
namespace {

namespace fs = std::filesystem;

struct Backend {
    std::string name;
    std::function<std::unique_ptr<Store>(const fs::path& dir)> open;
};

// Test names show the backend, not the bytes of the struct.
void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

class StoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("tl-store-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        store_ = GetParam().open(dir_);
        ASSERT_TRUE(store_);
        auto migrated = store_->Migrate();
        ASSERT_TRUE(migrated) << migrated.error().message;
        ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
            TL_TRY(tx.InsertWorkspace({"ws1", "One", 1}));
            TL_TRY(tx.InsertWorkspace({"ws2", "Two", 2}));
            TL_TRY(tx.InsertUser(User("u1", "ws1", "ann@example.com")));
            TL_TRY(tx.InsertUser(User("u2", "ws1", "bob@example.com")));
            TL_TRY(tx.InsertUser(User("u3", "ws2", "cid@example.com")));
            TL_TRY(tx.InsertProduct(Product("p1", "ws1", "DRN")));
            return {};
        }));
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }

    static domain::User User(std::string id, std::string ws, std::string email) {
        domain::User u;
        u.id = std::move(id);
        u.workspace_id = std::move(ws);
        u.email = std::move(email);
        u.name = "Name of " + u.id;
        u.password_hash = "hash";
        u.created_at = u.updated_at = 10;
        return u;
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
    static domain::RoleAssignment Role(std::string id, std::string user, domain::Role role) {
        return {std::move(id), "ws1", "p1", std::move(user), role, 20};
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
};

TEST_P(StoreContract, MigrateIsIdempotentAndRecorded) {
    ASSERT_TRUE(store_->Migrate());
    auto applied = store_->AppliedMigrations();
    ASSERT_TRUE(applied);
    ASSERT_FALSE(applied->empty());
    // In order and once each; numbers may leave gaps (branches take numbers in advance).
    EXPECT_EQ(applied->front(), 1);
    for (std::size_t i = 1; i < applied->size(); ++i) {
        EXPECT_LT((*applied)[i - 1], (*applied)[i]) << "migrations apply in order, once";
    }
}

TEST_P(StoreContract, ConcurrentMigratorsApplyEachMigrationOnce) {
    // Like several nodes starting at once against one empty database.
    auto fresh_dir = dir_ / "fresh";
    fs::create_directories(fresh_dir);
    auto fresh = GetParam().open(fresh_dir);
    ASSERT_TRUE(fresh);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            auto r = fresh->Migrate();
            if (!r) {
                ++failures;
                ADD_FAILURE() << r.error().message;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto applied = fresh->AppliedMigrations();
    ASSERT_TRUE(applied);
    auto once = *store_->AppliedMigrations();
    EXPECT_EQ(*applied, once);
}

TEST_P(StoreContract, ReadsBackWhatWasWritten) {
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto u, tx.GetUser("ws1", "u1"));
        EXPECT_EQ(u.email, "ann@example.com");
        EXPECT_EQ(u.version, 1);
        TL_ASSIGN_OR_RETURN(auto p, tx.GetProduct("ws1", "p1"));
        EXPECT_EQ(p.key, "DRN");
        TL_ASSIGN_OR_RETURN(auto found, tx.FindUserByEmail("bob@example.com"));
        EXPECT_TRUE(found.has_value());
        TL_ASSIGN_OR_RETURN(auto missing, tx.FindUserByEmail("nobody@example.com"));
        EXPECT_FALSE(missing.has_value());
        TL_ASSIGN_OR_RETURN(auto n, tx.CountWorkspaces());
        EXPECT_EQ(n, 2);
        return {};
    }));
}

TEST_P(StoreContract, EveryReadIsScopedToItsWorkspace) {
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        auto p = tx.GetProduct("ws2", "p1");
        EXPECT_FALSE(p);
        EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
        auto u = tx.GetUser("ws2", "u1");
        EXPECT_FALSE(u);
        TL_ASSIGN_OR_RETURN(auto users, tx.ListUsers("ws2", {}));
        EXPECT_EQ(users.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto products, tx.ListProducts("ws2", "", {}));
        EXPECT_TRUE(products.empty());
        return {};
    }));
}

TEST_P(StoreContract, DuplicateEmailIsAConflictNamingTheField) {
    auto r =
        store_->Write([&](Tx& tx) { return tx.InsertUser(User("u9", "ws2", "ann@example.com")); });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].field, "email");
}

TEST_P(StoreContract, ProductKeyIsUniquePerWorkspaceOnly) {
    auto same =
        store_->Write([&](Tx& tx) { return tx.InsertProduct(Product("p2", "ws1", "DRN")); });
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().code, ErrorCode::kConflict);
    auto other =
        store_->Write([&](Tx& tx) { return tx.InsertProduct(Product("p3", "ws2", "DRN")); });
    EXPECT_TRUE(other);
}

TEST_P(StoreContract, StaleVersionIsRefusedAndFreshOneApplies) {
    auto p = Product("p1", "ws1", "DRN");
    p.name = "Renamed";
    p.version = 2;
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.UpdateProduct(p, 1); }));
    p.version = 3;
    auto stale = store_->Write([&](Tx& tx) { return tx.UpdateProduct(p, 1); });
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
    auto missing = Product("nope", "ws1", "ZZ");
    auto absent = store_->Write([&](Tx& tx) { return tx.UpdateProduct(missing, 1); });
    ASSERT_FALSE(absent);
    EXPECT_EQ(absent.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, AFailedCallbackWritesNothing) {
    auto r = store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.InsertProduct(Product("p5", "ws1", "HALF")));
        return Fail(Conflict("stop"));
    });
    ASSERT_FALSE(r);
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        EXPECT_FALSE(tx.GetProduct("ws1", "p5"));
        return {};
    }));
}

TEST_P(StoreContract, AtMostOneProductOwnerEvenWithoutTheDomainCheck) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) {
        return tx.InsertRoleAssignment(Role("r1", "u1", domain::Role::kProductOwner));
    }));
    auto second = store_->Write([&](Tx& tx) {
        return tx.InsertRoleAssignment(Role("r2", "u2", domain::Role::kProductOwner));
    });
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    ASSERT_TRUE(store_->Write([&](Tx& tx) {
        return tx.InsertRoleAssignment(Role("r3", "u1", domain::Role::kProductManager));
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto roles, tx.ListRolesOfProduct("ws1", "p1"));
        EXPECT_EQ(roles.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto mine, tx.ListRolesOfUser("ws1", "u1"));
        EXPECT_EQ(mine.size(), 2u);
        TL_ASSIGN_OR_RETURN(auto listed, tx.ListProducts("ws1", "u1", {}));
        EXPECT_EQ(listed.size(), 1u);
        TL_ASSIGN_OR_RETURN(auto none, tx.ListProducts("ws1", "u2", {}));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto holders, tx.ListRoleHolders("ws1", "p1"));
        EXPECT_EQ(holders.size(), 2u);
        EXPECT_EQ(holders[0].assignment.role, domain::Role::kProductManager);
        EXPECT_EQ(holders[1].assignment.role, domain::Role::kProductOwner);
        EXPECT_EQ(holders[1].user.email, "ann@example.com");
        TL_ASSIGN_OR_RETURN(auto cross, tx.ListRoleHolders("ws2", "p1"));
        EXPECT_TRUE(cross.empty());
        TL_ASSIGN_OR_RETURN(auto owned, tx.CountProductsOwnedBy("ws1", "u1"));
        EXPECT_EQ(owned, 1);
        TL_ASSIGN_OR_RETURN(auto owned_elsewhere, tx.CountProductsOwnedBy("ws2", "u1"));
        EXPECT_EQ(owned_elsewhere, 0);
        return {};
    }));
}

TEST_P(StoreContract, KeysetPagesCoverEveryRowOnce) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        for (int i = 0; i < 25; ++i) {
            TL_TRY(tx.InsertUser(User(
                "v" + std::to_string(100 + i), "ws1", "v" + std::to_string(i) + "@example.com")));
        }
        return {};
    }));
    std::vector<std::string> seen;
    Page page{"", 10};
    while (true) {
        std::vector<domain::User> users;
        ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
            TL_ASSIGN_OR_RETURN(users, tx.ListUsers("ws1", page));
            return {};
        }));
        for (const auto& u : users) {
            seen.push_back(u.id);
        }
        if (static_cast<int>(users.size()) < page.limit) {
            break;
        }
        page.after = users.back().id;
    }
    EXPECT_EQ(seen.size(), 27u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_P(StoreContract, EventsAreNewestFirstAndPageByCursor) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        for (int i = 0; i < 5; ++i) {
            domain::AuditEvent e{0,
                                 "ws1",
                                 "p1",
                                 "product",
                                 "p1",
                                 "updated",
                                 "u1",
                                 100 + i,
                                 "{\"n\":" + std::to_string(i) + "}"};
            TL_TRY(tx.AppendEvent(e));
            EXPECT_GT(e.seq, 0);
        }
        domain::AuditEvent other{0, "ws2", "", "user", "u3", "created", "", 1, "{}"};
        return tx.AppendEvent(other);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto first, tx.ListEvents("ws1", {"p1", "", "", 0, 3, {}}));
        EXPECT_EQ(first.size(), 3u);
        EXPECT_EQ(first[0].changes, "{\"n\":4}");
        TL_ASSIGN_OR_RETURN(auto rest,
                            tx.ListEvents("ws1", {"p1", "", "", first.back().seq, 3, {}}));
        EXPECT_EQ(rest.size(), 2u);
        EXPECT_EQ(rest.back().changes, "{\"n\":0}");
        TL_ASSIGN_OR_RETURN(auto of_entity, tx.ListEvents("ws1", {"", "product", "p1", 0, 50, {}}));
        EXPECT_EQ(of_entity.size(), 5u);
        TL_ASSIGN_OR_RETURN(auto leak, tx.ListEvents("ws1", {"", "user", "u3", 0, 50, {}}));
        EXPECT_TRUE(leak.empty());
        return {};
    }));
}

TEST_P(StoreContract, EventsAfterACursorComeOldestFirstPerWorkspace) {
    std::vector<std::int64_t> seqs;
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        for (int i = 0; i < 5; ++i) {
            domain::AuditEvent e{0, "ws1", "p1", "product", "p1", "updated", "u1", 100 + i, "{}"};
            TL_TRY(tx.AppendEvent(e));
            seqs.push_back(e.seq);
            domain::AuditEvent other{0, "ws2", "", "user", "u3", "updated", "", 1, "{}"};
            TL_TRY(tx.AppendEvent(other));
        }
        return {};
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto first, tx.ListEventsAfter("ws1", 0, 3));
        EXPECT_EQ(first.size(), 3u);
        EXPECT_EQ(first.front().seq, seqs[0]);
        EXPECT_EQ(first.back().seq, seqs[2]);
        TL_ASSIGN_OR_RETURN(auto rest, tx.ListEventsAfter("ws1", first.back().seq, 3));
        EXPECT_EQ(rest.size(), 2u);
        EXPECT_EQ(rest.back().seq, seqs[4]);
        for (const auto& e : rest) {
            EXPECT_EQ(e.workspace_id, "ws1");
        }
        TL_ASSIGN_OR_RETURN(auto none, tx.ListEventsAfter("ws1", seqs[4], 3));
        EXPECT_TRUE(none.empty());
        TL_ASSIGN_OR_RETURN(auto head, tx.LatestEventSeq("ws1"));
        EXPECT_EQ(head, seqs[4]);
        TL_ASSIGN_OR_RETURN(auto empty, tx.LatestEventSeq("ws-without-events"));
        EXPECT_EQ(empty, 0);
        return {};
    }));
}

// Collects change notifications; Wait() blocks until one for `workspace_id` arrives.
class Notifications {
public:
    ChangeListener Listener() {
        return [this](const std::string& workspace_id) {
            std::lock_guard lock(mu_);
            seen_.push_back(workspace_id);
            cv_.notify_all();
        };
    }
    bool Wait(const std::string& workspace_id, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mu_);
        return cv_.wait_for(lock, timeout, [&] {
            return std::find(seen_.begin(), seen_.end(), workspace_id) != seen_.end();
        });
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::string> seen_;
};

TEST_P(StoreContract, CommittedEventsAreAnnouncedAndRolledBackOnesAreNot) {
    Notifications notes;
    store_->SetChangeListener(notes.Listener());
    auto rolled_back = store_->Write([&](Tx& tx) -> Result<void> {
        domain::AuditEvent e{0, "ws2", "", "user", "u3", "updated", "", 1, "{}"};
        TL_TRY(tx.AppendEvent(e));
        return Fail(MakeError(ErrorCode::kConflict, "changed my mind"));
    });
    ASSERT_FALSE(rolled_back);
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        domain::AuditEvent e{0, "ws1", "p1", "product", "p1", "updated", "u1", 1, "{}"};
        return tx.AppendEvent(e);
    }));
    EXPECT_TRUE(notes.Wait("ws1", std::chrono::seconds(5)));
    // Notifications arrive in commit order on one channel, so ws2's would have come first.
    EXPECT_FALSE(notes.Wait("ws2", std::chrono::milliseconds(200)));
    store_->SetChangeListener({});
}

TEST_P(StoreContract, ASecondStoreOnTheSameDatabaseSeesTheEventsInOrder) {
    // Another process (node) on the same database: PostgreSQL announces across connections;
    // SQLite has one writer process, so only the log itself is shared there.
    auto other = GetParam().open(dir_);
    ASSERT_TRUE(other);
    Notifications notes;
    other->SetChangeListener(notes.Listener());
    std::int64_t seq = 0;
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        domain::AuditEvent e{0, "ws1", "p1", "product", "p1", "updated", "u1", 1, "{}"};
        TL_TRY(tx.AppendEvent(e));
        seq = e.seq;
        return {};
    }));
    if (GetParam().name == "postgres") {
        EXPECT_TRUE(notes.Wait("ws1", std::chrono::seconds(1)));
    }
    ASSERT_TRUE(other->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto events, tx.ListEventsAfter("ws1", seq - 1, 10));
        EXPECT_EQ(events.size(), 1u);
        return {};
    }));
    other->SetChangeListener({});
}

// Writers append concurrently while a reader follows the log by cursor, as a live stream
// does. The reader must end up with every event exactly once: a sequence number that became
// visible after a higher one had been read would be skipped for good.
TEST_P(StoreContract, ConcurrentAppendsBecomeVisibleInSequenceOrder) {
    constexpr int kWriters = 4;
    constexpr int kPerWriter = 40;
    std::atomic<bool> done{false};
    std::vector<std::thread> writers;
    std::atomic<int> failures{0};
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            for (int i = 0; i < kPerWriter; ++i) {
                auto r = store_->Write([&](Tx& tx) -> Result<void> {
                    domain::AuditEvent e{0, "ws1", "p1", "product", "p1", "updated", "u1", w, "{}"};
                    TL_TRY(tx.AppendEvent(e));
                    // Work after the append widens the window between numbering and commit.
                    TL_TRY(tx.GetProduct("ws1", "p1"));
                    return {};
                });
                if (!r) {
                    failures.fetch_add(1);
                }
            }
        });
    }
    std::vector<std::int64_t> seen;
    std::int64_t cursor = 0;
    auto follow = [&] {
        ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
            TL_ASSIGN_OR_RETURN(auto events, tx.ListEventsAfter("ws1", cursor, 1000));
            for (const auto& e : events) {
                seen.push_back(e.seq);
                cursor = e.seq;
            }
            return {};
        }));
    };
    std::thread reader([&] {
        while (!done.load()) {
            follow();
        }
    });
    for (auto& t : writers) {
        t.join();
    }
    done.store(true);
    reader.join();
    follow();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kPerWriter));
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

// Read-modify-write under a scope lock, from several threads (on PostgreSQL, several
// connections, as several nodes would): no writer ever sees a stale version.
TEST_P(StoreContract, ScopeLockSerialisesReadModifyWrite) {
    constexpr int kThreads = 4;
    constexpr int kEach = 15;
    std::atomic<int> stale{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                auto r = store_->Write([&](Tx& tx) -> Result<void> {
                    TL_TRY(tx.LockScope("ranks:p1"));
                    TL_ASSIGN_OR_RETURN(auto p, tx.GetProduct("ws1", "p1"));
                    const std::int64_t seen = p.version;
                    ++p.version;
                    return tx.UpdateProduct(p, seen);
                });
                if (!r) {
                    stale.fetch_add(1);
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(stale.load(), 0);
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto p, tx.GetProduct("ws1", "p1"));
        EXPECT_EQ(p.version, Product("p1", "ws1", "DRN").version + kThreads * kEach);
        return {};
    }));
}

TEST_P(StoreContract, TokensAreFoundByHashAndRevoked) {
    domain::AuthToken t{"t1", "ws1", "u1", domain::TokenKind::kApi, "ci", "abc123", 1, 0, 1, 0};
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.InsertToken(t); }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto found, tx.FindTokenBySecretHash("abc123"));
        EXPECT_TRUE(found.has_value());
        TL_ASSIGN_OR_RETURN(auto listed, tx.ListApiTokens("ws1", "u1"));
        EXPECT_EQ(listed.size(), 1u);
        TL_TRY(tx.TouchToken("t1", 50));
        auto cross = tx.RevokeToken("ws2", "t1", 60);
        EXPECT_FALSE(cross);
        return tx.RevokeToken("ws1", "t1", 60);
    }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto token, tx.GetToken("ws1", "t1"));
        EXPECT_EQ(token.last_used_at, 50);
        EXPECT_EQ(token.revoked_at, 60);
        TL_ASSIGN_OR_RETURN(auto listed, tx.ListApiTokens("ws1", "u1"));
        EXPECT_TRUE(listed.empty());
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto purged, tx.PurgeTokens(100));
        EXPECT_EQ(purged, 1);
        for (const char* id : {"s1", "s2", "s3"}) {
            TL_TRY(tx.InsertToken({id,
                                   "ws1",
                                   "u1",
                                   domain::TokenKind::kSession,
                                   "web",
                                   std::string("hash-") + id,
                                   1,
                                   0,
                                   1,
                                   0}));
        }
        TL_TRY(tx.InsertToken(
            {"k1", "ws1", "u1", domain::TokenKind::kApi, "ci", "hash-k1", 1, 0, 1, 0}));
        TL_ASSIGN_OR_RETURN(auto revoked, tx.RevokeSessionsOfUser("ws1", "u1", "s2", 200));
        EXPECT_EQ(revoked, 2);
        TL_ASSIGN_OR_RETURN(auto kept, tx.GetToken("ws1", "s2"));
        EXPECT_EQ(kept.revoked_at, 0);
        TL_ASSIGN_OR_RETURN(auto api, tx.GetToken("ws1", "k1"));
        EXPECT_EQ(api.revoked_at, 0);
        TL_ASSIGN_OR_RETURN(auto none, tx.RevokeSessionsOfUser("ws2", "u1", "", 200));
        EXPECT_EQ(none, 0);
        return {};
    }));
}

TEST_P(StoreContract, LoginFailuresCountWithinTheWindow) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
        TL_TRY(tx.RecordLoginFailure("account:a", 10));
        TL_TRY(tx.RecordLoginFailure("account:a", 20));
        TL_TRY(tx.RecordLoginFailure("account:a", 30));
        TL_TRY(tx.RecordLoginFailure("account:b", 30));
        TL_ASSIGN_OR_RETURN(auto counted, tx.CountLoginFailures("account:a", 15));
        EXPECT_EQ(counted.count, 2);
        EXPECT_EQ(counted.oldest_at, 20);
        TL_TRY(tx.ClearLoginFailures("account:a"));
        TL_ASSIGN_OR_RETURN(auto cleared, tx.CountLoginFailures("account:a", 0));
        EXPECT_EQ(cleared.count, 0);
        TL_ASSIGN_OR_RETURN(auto other, tx.CountLoginFailures("account:b", 0));
        EXPECT_EQ(other.count, 1);
        return {};
    }));
}

TEST_P(StoreContract, TeamsKeepTheirMembersInOrder) {
    domain::Team t;
    t.id = "t1";
    t.workspace_id = "ws1";
    t.name = "Falcon";
    t.product_id = "p1";
    t.member_ids = {"u2", "u1"};
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.InsertTeam(t); }));
    t.member_ids = {"u1"};
    t.product_id = "";
    t.version = 2;
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.UpdateTeam(t, 1); }));
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto got, tx.GetTeam("ws1", "t1"));
        EXPECT_EQ(got.member_ids, std::vector<std::string>{"u1"});
        EXPECT_EQ(got.product_id, "");
        EXPECT_EQ(got.version, 2);
        EXPECT_FALSE(tx.GetTeam("ws2", "t1"));
        return {};
    }));
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.DeleteTeam("ws1", "t1"); }));
    auto again = store_->Write([&](Tx& tx) { return tx.DeleteTeam("ws1", "t1"); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ConcurrentWritersLoseNothing) {
    constexpr int kThreads = 4;
    constexpr int kEach = 50;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto r = store_->Write([&](Tx& tx) -> Result<void> {
                    domain::AuditEvent e{0, "ws1", "p1", "product", "p1", "updated", "u1", i, "{}"};
                    (void)t;
                    return tx.AppendEvent(e);
                });
                if (!r) {
                    ++failures;
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_EQ(failures.load(), 0);
    ASSERT_TRUE(store_->Read([&](Tx& tx) -> Result<void> {
        TL_ASSIGN_OR_RETURN(auto events, tx.ListEvents("ws1", {"p1", "", "", 0, 1000, {}}));
        EXPECT_EQ(events.size(), static_cast<std::size_t>(kThreads * kEach));
        return {};
    }));
}

#if defined(TL_STORE_BACKEND_POSTGRES)

// The databases this process created, dropped at exit; the tests reset their stores first.
std::vector<std::unique_ptr<test::ScratchDatabase>>& Databases() {
    test::TestPostgresUrl();  // a server this process starts must outlive the list
    static std::vector<std::unique_ptr<test::ScratchDatabase>> databases;
    return databases;
}

// Each test gets a database of its own on the test server (see throwaway_postgres.hpp).
INSTANTIATE_TEST_SUITE_P(Backends,
                         StoreContract,
                         ::testing::Values(Backend{
                             "postgres",
                             [](const fs::path& dir) -> std::unique_ptr<Store> {
                                 // One database per test directory: a second open of the
                                 // same directory is a second node on that database.
                                 static std::map<fs::path, std::string> urls;
                                 auto it = urls.find(dir);
                                 if (it == urls.end()) {
                                     auto& db = Databases().emplace_back(
                                         std::make_unique<test::ScratchDatabase>());
                                     it = urls.emplace(dir, db->Url()).first;
                                 }
                                 PostgresOptions o;
                                 o.url = it->second;
                                 auto s = OpenPostgresStore(o);
                                 EXPECT_TRUE(s) << (s ? "" : s.error().message);
                                 return s ? std::move(*s) : nullptr;
                             }}),
                         [](const auto& info) { return info.param.name; });

// Every pooled connection dies with a server restart; the pool notices before using one, so
// once the server is back no transaction fails, read or write. The test restarts a server of
// its own: the shared test server must stay up for the suites running beside it.
TEST(PostgresReconnect, DeadPooledConnectionsAreReplacedBeforeUse) {
    test::ThrowawayPostgres own;
    own.CreateDatabase("reconnect");
    PostgresOptions o;
    o.url = own.Url() + "/reconnect";
    o.max_connections = 3;
    auto opened = OpenPostgresStore(o);
    ASSERT_TRUE(opened) << opened.error().message;
    Store& store = **opened;
    ASSERT_TRUE(store.Migrate());
    ASSERT_TRUE(store.Write([](Tx& tx) { return tx.InsertWorkspace({"ws1", "One", 1}); }));
    auto count = [&store]() -> Result<std::int64_t> {
        std::int64_t n = 0;
        TL_TRY(store.Read([&](Tx& tx) -> Result<void> {
            TL_ASSIGN_OR_RETURN(n, tx.CountWorkspaces());
            return {};
        }));
        return n;
    };
    // Fill the pool with three idle connections: three reads held open at once.
    std::latch inside(3);
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
        readers.emplace_back([&] {
            EXPECT_TRUE(store.Read([&](Tx& tx) -> Result<void> {
                inside.arrive_and_wait();
                TL_TRY(tx.CountWorkspaces());
                return {};
            }));
        });
    }
    for (auto& t : readers) {
        t.join();
    }

    own.Restart();

    int failed = 0;
    Result<std::int64_t> n = Fail(MakeError(ErrorCode::kInternal, "not run"));
    for (int attempt = 0; attempt < 5 && !n; ++attempt) {
        n = count();
        if (!n) {
            EXPECT_EQ(n.error().code, ErrorCode::kUnavailable) << n.error().message;
            ++failed;
        }
    }
    ASSERT_TRUE(n) << n.error().message;
    EXPECT_EQ(*n, 1);
    EXPECT_EQ(failed, 0);
    own.Restart();
    auto wrote = store.Write([](Tx& tx) { return tx.InsertWorkspace({"ws2", "Two", 2}); });
    ASSERT_TRUE(wrote) << wrote.error().message;
    n = count();
    ASSERT_TRUE(n) << n.error().message;
    EXPECT_EQ(*n, 2);
}

TEST(PostgresDialect, RewritesTheAutoIncrementKeyOnly) {
    EXPECT_EQ(
        PostgresSchemaSql("CREATE TABLE e (seq INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER);"),
        "CREATE TABLE e (seq BIGSERIAL PRIMARY KEY, n INTEGER);");
    EXPECT_EQ(PostgresSchemaSql("CREATE TABLE t (id TEXT PRIMARY KEY)"),
              "CREATE TABLE t (id TEXT PRIMARY KEY)");
}

TEST(PostgresDialect, NumbersPlaceholdersOutsideQuotes) {
    EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d IN (?, ?)"),
              "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $3)");
    EXPECT_EQ(NumberPlaceholders("SELECT 1"), "SELECT 1");
}

#else

INSTANTIATE_TEST_SUITE_P(Backends,
                         StoreContract,
                         ::testing::Values(Backend{
                             "sqlite",
                             [](const fs::path& dir) -> std::unique_ptr<Store> {
                                 SqliteOptions o;
                                 o.path = (dir / "test.db").string();
                                 auto s = OpenSqliteStore(o);
                                 return s ? std::move(*s) : nullptr;
                             }}),
                         [](const auto& info) { return info.param.name; });

#endif

}  // namespace
}  // namespace tl::storage
