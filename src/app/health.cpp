#include "app/health.hpp"

namespace tl::app {

Result<std::string> CheckHealth(AppContext& ctx) {
    TL_TRY(ctx.store.Read([](storage::Tx& tx) -> Result<void> {
        TL_TRY(tx.CountWorkspaces());
        return {};
    }));
    return ctx.store.Backend();
}

}  // namespace tl::app
