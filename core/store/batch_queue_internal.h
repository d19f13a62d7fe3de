// Batches of records on their way from a thread that produces them to one
// that consumes them, in order, one lock per batch. Bounded: at most
// `kMaxBatches` wait, so memory does not grow with the data. Import uses it
// to parse a file beside the thread that writes it; ReadRecords to read the
// store beside the thread that visits the records.
#ifndef CREDENCE_CORE_STORE_BATCH_QUEUE_INTERNAL_H_
#define CREDENCE_CORE_STORE_BATCH_QUEUE_INTERNAL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace credence::store {

// A batch is a std::vector<T> by default; `BatchType` may be any movable
// type with clear() (and reserve(n), if it should be given room for
// kBatchSize items), for batches that hold more than a list of items.
template <class T, std::size_t kBatchSize, std::size_t kMaxBatches, class BatchType = std::vector<T>>
class BatchQueue {
 public:
  using Item = T;
  using Batch = BatchType;
  static constexpr std::size_t kSize = kBatchSize;

  // Producer: hands over a full batch, waiting while the queue is full.
  // False when the consumer has stopped (the batch is dropped).
  bool Push(Batch&& batch) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return full_.size() < kMaxBatches || stopped_; });
    if (stopped_) return false;
    full_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }
  // Producer: no more batches will come.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_one();
  }
  // Consumer: the next batch; false once the producer has closed and every
  // batch has been taken.
  bool Pop(Batch* batch) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return false;
    *batch = std::move(full_.front());
    full_.pop_front();
    not_full_.notify_one();
    return true;
  }
  // Consumer: wants no more batches; a waiting or later Push returns false.
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    full_.clear();
    not_full_.notify_all();
  }
  // Consumed batches go back to the producer, which destroys what they
  // hold: memory is freed by the thread that allocated it (cheaper in malloc
  // than freeing across threads), and the batches' buffers are reused.
  void Recycle(Batch&& batch) {
    std::lock_guard lock(mu_);
    if (spare_.size() < kMaxBatches + 2) spare_.push_back(std::move(batch));
  }
  // Producer: an empty batch (with room for kBatchSize items, when it has
  // reserve), its buffers reused when it was recycled.
  Batch Spare() {
    Batch b;
    {
      std::lock_guard lock(mu_);
      if (!spare_.empty()) {
        b = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    b.clear();
    if constexpr (requires { b.reserve(kBatchSize); }) b.reserve(kBatchSize);
    return b;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Batch> full_;
  std::vector<Batch> spare_;
  bool closed_ = false, stopped_ = false;
};

// Stops `queue` and joins the producer's `thread` when it goes out of
// scope: on every way out of the consumer, exceptions included.
template <class Queue>
class StopAndJoin {
 public:
  StopAndJoin(Queue& queue, std::thread& thread) : queue_(queue), thread_(thread) {}
  ~StopAndJoin() {
    queue_.Stop();
    if (thread_.joinable()) thread_.join();
  }
  StopAndJoin(const StopAndJoin&) = delete;
  StopAndJoin& operator=(const StopAndJoin&) = delete;

 private:
  Queue& queue_;
  std::thread& thread_;
};

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_BATCH_QUEUE_INTERNAL_H_
