// Parallel work with ordered output: chunks of work are scored by a fixed
// pool of threads, each pulling the next chunk from an atomic counter, and
// handed back to the calling thread strictly in chunk order through a bounded
// reorder buffer. The output is therefore the same for any number of threads,
// and the drain (e.g. writing to a store) overlaps the work instead of
// waiting at a barrier.
#ifndef CREDENCE_CORE_SCORE_ORDERED_POOL_INTERNAL_H_
#define CREDENCE_CORE_SCORE_ORDERED_POOL_INTERNAL_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "core/common/status.h"

namespace credence::score {

// Calls `work(thread, chunk, slot)` for every chunk in [0, chunks) and
// `drain(chunk, slot)` for each, in chunk order, on the calling thread.
// `thread` is in [0, threads): a worker's own scratch may be indexed by it.
// At most `window` chunks are in flight (worked on or waiting to be
// drained), which bounds memory; a slot is reused for chunk c + window once
// chunk c is drained, so `work` must reset what it fills.
//
// With threads <= 1 everything runs on the calling thread. A non-ok Status
// from `drain` stops the work (chunks already started finish, none is
// drained after it) and is returned.
template <class Slot, class Work, class Drain>
Status RunOrdered(std::size_t chunks, int threads, std::size_t window, Work&& work, Drain&& drain) {
  if (threads <= 1 || chunks <= 1) {
    Slot slot;
    for (std::size_t c = 0; c < chunks; ++c) {
      work(0, c, slot);
      CREDENCE_RETURN_IF_ERROR(drain(c, slot));
    }
    return Status::Ok();
  }
  if (window < 1) window = 1;
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable slot_ready, slot_free;
  std::vector<char> ready(window, 0);  // guarded by mu
  std::size_t drained = 0;             // guarded by mu: chunks below it are drained
  bool stop = false;                   // guarded by mu
  std::atomic<std::size_t> next{0};

  // Chunks are claimed in increasing order, so the lowest undrained chunk is
  // always claimed by a worker that does not wait: no deadlock.
  auto worker = [&](int t) {
    for (;;) {
      const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
      if (c >= chunks) return;
      {
        std::unique_lock<std::mutex> lock(mu);
        slot_free.wait(lock, [&] { return stop || c < drained + window; });
        if (stop) return;
      }
      work(t, c, slots[c % window]);
      {
        std::lock_guard<std::mutex> lock(mu);
        ready[c % window] = 1;
      }
      slot_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);

  Status status = Status::Ok();
  for (std::size_t c = 0; c < chunks; ++c) {
    {
      std::unique_lock<std::mutex> lock(mu);
      slot_ready.wait(lock, [&] { return ready[c % window] != 0; });
    }
    status = drain(c, slots[c % window]);
    {
      std::lock_guard<std::mutex> lock(mu);
      ready[c % window] = 0;
      drained = c + 1;
      if (!status.ok()) stop = true;
    }
    slot_free.notify_all();
    if (!status.ok()) break;
  }
  for (std::thread& th : pool) th.join();
  return status;
}

// Calls `f(begin, end)` on `threads` threads for contiguous ranges that
// cover [0, n), and returns when all are done. For independent work whose
// results go to per-index slots, so the result does not depend on `threads`.
template <class F>
void ForEachRange(std::size_t n, int threads, F&& f) {
  const std::size_t parts = threads <= 1 || n < 2 ? 1 : std::min<std::size_t>(static_cast<std::size_t>(threads), n);
  if (parts == 1) {
    f(std::size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(parts - 1);
  for (std::size_t p = 1; p < parts; ++p) pool.emplace_back([&f, p, parts, n] { f(n * p / parts, n * (p + 1) / parts); });
  f(std::size_t{0}, n / parts);
  for (std::thread& th : pool) th.join();
}

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_ORDERED_POOL_INTERNAL_H_
