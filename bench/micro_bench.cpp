// Micro-benchmarks of the hot paths every request takes: route matching, the role matrix,
// token hashing, id generation and audit diffs. Run with `make bench`.
#include <benchmark/benchmark.h>

#include "app/crypto.hpp"
#include "app/serialize.hpp"
#include "domain/role.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace {

void BM_RouterFind(benchmark::State& state) {
    tl::http::Router router;
    tl::http::Metrics metrics;
    tl::http::AddAllRoutes(router, metrics, {});
    for (auto _ : state) {
        auto m = router.Find("GET", "/api/v1/products/prd_01jc9x2k4m7qpz3r5t8vwxy/history");
        benchmark::DoNotOptimize(m.route);
    }
}
BENCHMARK(BM_RouterFind);

void BM_RoleMatrix(benchmark::State& state) {
    const tl::domain::Role roles[] = {tl::domain::Role::kTeamMember,
                                      tl::domain::Role::kStakeholder};
    for (auto _ : state) {
        for (auto action : tl::domain::kAllActions) {
            benchmark::DoNotOptimize(tl::domain::Allows(roles, false, action));
        }
    }
}
BENCHMARK(BM_RoleMatrix);

void BM_HashSecret(benchmark::State& state) {
    const std::string secret = tl::app::NewSecret("tls");
    for (auto _ : state) {
        benchmark::DoNotOptimize(tl::app::HashSecret(secret));
    }
}
BENCHMARK(BM_HashSecret);

void BM_NewId(benchmark::State& state) {
    std::int64_t now = 1'790'000'000'000;
    for (auto _ : state) {
        benchmark::DoNotOptimize(tl::app::NewId("prd", now++));
    }
}
BENCHMARK(BM_NewId);

void BM_AuditDiff(benchmark::State& state) {
    tl::domain::Product before;
    before.id = "prd_1";
    before.key = "X2";
    before.name = "SkyLift X2";
    before.description = std::string(2000, 'd');
    tl::domain::Product after = before;
    after.name = "SkyLift X2 Pro";
    after.stage = tl::domain::LifecycleStage::kLaunch;
    after.version = 2;
    for (auto _ : state) {
        auto diff = tl::app::Diff(tl::app::ToJson(before), tl::app::ToJson(after));
        benchmark::DoNotOptimize(diff);
    }
}
BENCHMARK(BM_AuditDiff);

}  // namespace
