// The figures of a node's parts that are read at each scrape: the store's writer, the log, the
// projections, the checkpoints, the commands and the as-of answers.
#pragma once

#include <memory>

#include "thidua/app/command_service.hpp"
#include "thidua/http/metrics.hpp"
#include "thidua/projections/answer_cache.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::node::internal {

// Registers the collectors; the parts must outlive the registry's scrapes. `rocksdb` may be
// null (a store that is not RocksDB has no writer figures).
void add_node_metrics(http::Metrics& metrics, const EventStore& store,
                      const RocksDbEventStore* rocksdb, const projections::Projector& projector,
                      const app::CommandService& commands,
                      std::shared_ptr<const projections::AnswerCache> answers);

}  // namespace thidua::node::internal
