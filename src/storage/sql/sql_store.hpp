// SqlStore: the Store over any SQL driver, with a bounded connection pool. The SQL itself is
// portable; drivers (sqlite/, postgres/) supply Connections.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/sql/connection.hpp"
#include "storage/store.hpp"

namespace tl::storage {

class SqlStore final : public Store {
public:
    // `migrations` must outlive the store (they are static tables).
    SqlStore(std::unique_ptr<ConnectionFactory> factory,
             const std::vector<Migration>& migrations,
             std::size_t max_connections);
    ~SqlStore() override;

    Result<void> Migrate() override;
    Result<std::vector<int>> AppliedMigrations() override;
    Result<void> Read(const std::function<Result<void>(Tx&)>& fn) override;
    Result<void> Write(const std::function<Result<void>(Tx&)>& fn) override;
    std::string Backend() const override;
    void SetChangeListener(ChangeListener listener) override;

private:
    struct Pooled {
        std::unique_ptr<Connection> conn;
        bool reused = false;  // came from the idle pool (may have broken meanwhile)
    };
    Result<Pooled> Acquire();
    void Release(std::unique_ptr<Connection> conn);
    Result<void> Run(bool write, const std::function<Result<void>(Tx&)>& fn);

    std::unique_ptr<ConnectionFactory> factory_;
    const std::vector<Migration>& migrations_;
    std::size_t max_connections_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;

    // Change notifications: from the database's own channel when the factory has one,
    // otherwise announced by Run() after each commit that appended events.
    std::mutex listener_mu_;
    ChangeListener listener_;
    std::unique_ptr<ChangeSubscription> subscription_;
};

}  // namespace tl::storage
