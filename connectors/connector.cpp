#include "connectors/connector.hpp"

#include "common/timeutil.hpp"

namespace pantau::connectors {

std::int64_t Context::now() const { return clock ? clock() : now_epoch(); }

}  // namespace pantau::connectors
