// A bounded pool of connections, opened lazily, shared by both drivers. Callers beyond the
// bound wait for a connection to come back.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sql.hpp"

namespace binome::store {

template <typename Conn>
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;
  ConnectionPool(Factory factory, int max_size) : factory_(std::move(factory)), max_(max_size) {}

  std::unique_ptr<Conn> acquire() {
    std::unique_lock lock(mu_);
    ++stats_.waiting;
    cv_.wait(lock, [&] { return !idle_.empty() || stats_.size < max_; });
    --stats_.waiting;
    ++stats_.in_use;
    ++stats_.acquired_total;
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++stats_.size;
    lock.unlock();
    try {
      return factory_();
    } catch (...) {
      lock.lock();
      --stats_.size;
      --stats_.in_use;
      cv_.notify_one();
      throw;
    }
  }

  // A broken connection is dropped instead of returned (pass nullptr).
  void release(std::unique_ptr<Conn> c) {
    {
      std::lock_guard lock(mu_);
      --stats_.in_use;
      if (c) {
        idle_.push_back(std::move(c));
      } else {
        --stats_.size;
      }
    }
    cv_.notify_one();
  }

  PoolStats stats() const {
    std::lock_guard lock(mu_);
    return stats_;
  }

 private:
  Factory factory_;
  int max_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  PoolStats stats_;
};

}  // namespace binome::store
