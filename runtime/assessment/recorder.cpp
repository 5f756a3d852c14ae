#include "assessment/recorder.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "assessment/device_key.hpp"
#include "assessment/sqlite_db.hpp"
#include "core/log.hpp"

namespace txr::assessment {
namespace {

using Clock = std::chrono::steady_clock;

std::string utc_iso(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct PendingEvent {
  double time_s;
  std::string type, subject, payload;
};

// One ring slot: a frame, or a marker for frames dropped just before it.
struct Slot {
  bool is_gap = false;
  RecordedFrame frame;
  std::uint64_t gap_frames = 0;
  double gap_t0_s = 0.0, gap_t1_s = 0.0;
};

std::size_t round_up_pow2(std::size_t n) {
  std::size_t p = 2;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

struct Recorder::Impl {
  std::filesystem::path path;
  RecordHeader header;
  RecorderOptions options;
  DeviceKey key;
  Database db;
  Hash32 header_hash{};

  // Chain state (writer thread only after open).
  Hash32 prev_link{};
  std::int64_t seq = 0;
  double last_time_s = 0.0;
  std::int64_t last_event_id = 0;

  // SPSC ring: producer owns head_, consumer owns tail_.
  std::vector<Slot> slots;
  std::size_t mask = 0;
  alignas(64) std::atomic<std::uint64_t> head{0};
  alignas(64) std::atomic<std::uint64_t> tail{0};
  // Producer-side record of a run of dropped frames not yet announced in the ring.
  std::uint64_t drop_run = 0;
  double drop_t0_s = 0.0, drop_t1_s = 0.0;

  std::mutex events_mutex;
  std::vector<PendingEvent> events;
  std::optional<Clock::time_point> events_since;
  std::uint64_t events_dropped_unreported = 0;

  std::mutex wake_mutex;
  std::condition_variable wake;
  std::atomic<bool> stop{false};
  std::thread writer;
  bool closed = false;

  std::atomic<std::uint64_t> frames_pushed{0}, frames_dropped{0}, frames_written{0},
      events_written{0}, events_dropped{0}, chunks_written{0}, chunk_bytes{0}, write_errors{0};

  std::optional<FrameEncoder> encoder;
  std::optional<Clock::time_point> chunk_since;
  std::vector<unsigned char> blob;
  std::vector<PendingEvent> batch;

  core::Result<void> append_chain(ChainKind kind, double t0, double t1, std::int64_t count,
                                  const Hash32& content, const std::string* meta);
  core::Result<void> commit(bool force_events);
  void commit_gap(std::uint64_t frames, double t0, double t1, std::uint64_t events_lost);
  void run();
  core::Result<void> finish();
};

core::Result<void> Recorder::Impl::append_chain(ChainKind kind, double t0, double t1,
                                                std::int64_t count, const Hash32& content,
                                                const std::string* meta) {
  const std::int64_t next_seq = seq + 1;
  const Hash32 link = link_hash(prev_link, next_seq, kind, t0, t1, count, content);
  auto st = db.prepare(
      "INSERT INTO chain(seq,kind,t_begin_s,t_end_s,count,content_hash,link_hash,meta) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, next_seq).bind(2, static_cast<std::int64_t>(kind)).bind(3, t0).bind(4, t1);
  st->bind(5, count).bind_blob(6, content).bind_blob(7, link);
  if (meta != nullptr) {
    st->bind(8, std::string_view(*meta));
  } else {
    st->bind_null(8);
  }
  if (auto ok = st->run(db.handle()); !ok) return ok;
  seq = next_seq;
  prev_link = link;
  return {};
}

// Commits the open chunk (if any) and pending events in one transaction.
core::Result<void> Recorder::Impl::commit(bool force_events) {
  const bool have_frames = encoder->frame_count() > 0;
  {
    std::lock_guard lock(events_mutex);
    if (force_events || have_frames) {
      batch.swap(events);
      events.clear();
      events_since.reset();
    }
  }
  if (!have_frames && batch.empty()) return {};
  const Hash32 saved_link = prev_link;
  const std::int64_t saved_seq = seq;
  auto rollback = [&](core::Error e) -> core::Result<void> {
    (void)db.exec("ROLLBACK");
    prev_link = saved_link;
    seq = saved_seq;
    write_errors.fetch_add(1);
    return std::unexpected(std::move(e));
  };
  if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return rollback(ok.error());
  std::uint64_t n_frames = 0;
  if (have_frames) {
    const double t0 = encoder->first_time_s();
    const double t1 = encoder->last_time_s();
    n_frames = encoder->frame_count();
    if (auto ok = encoder->finish(blob); !ok) return rollback(ok.error());
    chunk_since.reset();
    if (auto ok = append_chain(ChainKind::chunk, t0, t1, static_cast<std::int64_t>(n_frames),
                               blake2b(blob), nullptr);
        !ok) {
      return rollback(ok.error());
    }
    auto st = db.prepare("INSERT INTO chunks(seq,data) VALUES(?1,?2)");
    if (!st) return rollback(st.error());
    st->bind(1, seq).bind_blob(2, blob);
    if (auto ok = st->run(db.handle()); !ok) return rollback(ok.error());
    last_time_s = std::max(last_time_s, t1);
  }
  if (!batch.empty()) {
    auto st = db.prepare(
        "INSERT INTO events(id,batch_seq,time_s,type,subject,payload) "
        "VALUES(?6,?1,?2,?3,?4,?5)");
    if (!st) return rollback(st.error());
    EventBatchHasher hasher;
    double t0 = batch.front().time_s, t1 = batch.front().time_s;
    std::int64_t id = last_event_id;
    for (const auto& e : batch) {
      st->reset();
      st->bind(1, seq + 1).bind(2, e.time_s).bind(3, e.type).bind(4, e.subject).bind(5, e.payload);
      st->bind(6, ++id);
      if (auto ok = st->run(db.handle()); !ok) return rollback(ok.error());
      hasher.add(id, e.time_s, e.type, e.subject, e.payload);
      t0 = std::min(t0, e.time_s);
      t1 = std::max(t1, e.time_s);
    }
    if (auto ok = append_chain(ChainKind::events, t0, t1, static_cast<std::int64_t>(batch.size()),
                               hasher.finish(), nullptr);
        !ok) {
      return rollback(ok.error());
    }
  }
  if (auto ok = db.exec("COMMIT"); !ok) return rollback(ok.error());
  if (have_frames) {
    frames_written.fetch_add(n_frames);
    chunks_written.fetch_add(1);
    chunk_bytes.fetch_add(blob.size());
  }
  events_written.fetch_add(batch.size());
  last_event_id += static_cast<std::int64_t>(batch.size());
  for (const auto& e : batch) last_time_s = std::max(last_time_s, e.time_s);
  batch.clear();
  return {};
}

void Recorder::Impl::commit_gap(std::uint64_t frames, double t0, double t1,
                                std::uint64_t events_lost) {
  const std::string meta = nlohmann::json{
      {"frames_dropped", frames},
      {"events_dropped", events_lost},
      {"reason",
       "recorder queue full"}}.dump();
  const auto content = blake2b({reinterpret_cast<const unsigned char*>(meta.data()), meta.size()});
  const Hash32 saved_link = prev_link;
  const std::int64_t saved_seq = seq;
  auto ok = db.exec("BEGIN IMMEDIATE");
  if (ok)
    ok = append_chain(ChainKind::gap, t0, t1, static_cast<std::int64_t>(frames), content, &meta);
  if (ok) ok = db.exec("COMMIT");
  if (!ok) {
    (void)db.exec("ROLLBACK");
    prev_link = saved_link;
    seq = saved_seq;
    write_errors.fetch_add(1);
    core::log_error("assessment", "recorder: cannot record a gap: " + ok.error().message);
  }
}

void Recorder::Impl::run() {
  auto report = [this](const core::Result<void>& ok) {
    if (!ok)
      core::log_error("assessment", "recorder: " + path.string() + ": " + ok.error().message);
  };
  const auto chunk_wall = std::chrono::duration<double>(options.chunk_s);
  for (;;) {
    const bool stopping = stop.load(std::memory_order_acquire);
    std::uint64_t t = tail.load(std::memory_order_relaxed);
    const std::uint64_t h = head.load(std::memory_order_acquire);
    for (; t != h; ++t) {
      const Slot& slot = slots[t & mask];
      if (slot.is_gap) {
        report(commit(true));
        std::uint64_t lost_events = 0;
        {
          std::lock_guard lock(events_mutex);
          lost_events = std::exchange(events_dropped_unreported, 0);
        }
        commit_gap(slot.gap_frames, slot.gap_t0_s, slot.gap_t1_s, lost_events);
        continue;
      }
      if (encoder->full()) report(commit(true));
      if (encoder->frame_count() == 0) chunk_since = Clock::now();
      encoder->append(slot.frame);
      if (encoder->last_time_s() - encoder->first_time_s() >= options.chunk_s) {
        tail.store(t + 1, std::memory_order_release);
        report(commit(true));
      }
    }
    tail.store(t, std::memory_order_release);
    // Wall-clock flushes: frames stopped arriving, or events wait with no frames.
    const auto now = Clock::now();
    bool events_due = false;
    {
      std::lock_guard lock(events_mutex);
      events_due = events_since && now - *events_since >= chunk_wall;
    }
    if (events_due || (chunk_since && now - *chunk_since >= chunk_wall)) report(commit(true));
    if (stopping && tail.load() == head.load(std::memory_order_acquire)) break;
    std::unique_lock lock(wake_mutex);
    wake.wait_for(lock, std::chrono::milliseconds(5), [this] { return stop.load(); });
  }
}

core::Result<void> Recorder::Impl::finish() {
  if (auto ok = commit(true); !ok) return ok;
  std::uint64_t lost_events = 0;
  {
    std::lock_guard lock(events_mutex);
    lost_events = std::exchange(events_dropped_unreported, 0);
  }
  if (drop_run > 0 || lost_events > 0) {
    commit_gap(drop_run, drop_t0_s, drop_t1_s, lost_events);
    drop_run = 0;
  }
  const std::string meta = nlohmann::json{{"frames_recorded", frames_written.load()},
                                          {"frames_dropped", frames_dropped.load()},
                                          {"events_recorded", events_written.load()},
                                          {"events_dropped", events_dropped.load()},
                                          {"closed_utc", utc_iso(std::time(nullptr))}}
                               .dump();
  const auto content = blake2b({reinterpret_cast<const unsigned char*>(meta.data()), meta.size()});
  if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok;
  auto ok = append_chain(ChainKind::close, last_time_s, last_time_s, 0, content, &meta);
  if (ok) {
    const std::string msg = signed_message(header_hash, seq, prev_link);
    const auto sig = key.sign({reinterpret_cast<const unsigned char*>(msg.data()), msg.size()});
    auto st = db.prepare(
        "INSERT INTO signature(id,chain_length,chain_head,public_key,signature) "
        "VALUES(1,?1,?2,?3,?4)");
    if (!st) {
      ok = std::unexpected(st.error());
    } else {
      st->bind(1, seq).bind_blob(2, prev_link).bind(3, header.public_key_hex).bind_blob(4, sig);
      ok = st->run(db.handle());
    }
  }
  if (ok) ok = db.exec("COMMIT");
  if (!ok) {
    (void)db.exec("ROLLBACK");
    return ok;
  }
  // Fold the WAL back into the file and leave WAL mode: a closed record is one self-contained
  // file that opens read-only anywhere (WAL needs a writable -shm next to it).
  (void)db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  (void)db.exec("PRAGMA journal_mode=DELETE");
  return {};
}

Recorder::Recorder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Recorder::~Recorder() {
  if (impl_ && !impl_->closed) {
    if (auto r = close(); !r) core::log_error("assessment", "recorder close: " + r.error().message);
  }
}

core::Result<std::unique_ptr<Recorder>> Recorder::open(const std::filesystem::path& path,
                                                       RecordHeader header,
                                                       const RecorderOptions& options) {
  if (header.runtime_version.empty()) header.runtime_version = TXR_VERSION;
  if (auto ok = validate_header(header); !ok) return std::unexpected(ok.error());
  if (options.chunk_s <= 0.0 || options.queue_frames < 2) {
    return core::fail("recorder options: chunk_s must be > 0 and queue_frames >= 2");
  }
  auto key = DeviceKey::load_or_create(options.key_dir);
  if (!key) return std::unexpected(key.error());

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->key = *key;
  unsigned char sid[16];
  randombytes_buf(sid, sizeof sid);
  header.session_id = to_hex(sid);
  const std::time_t now = std::time(nullptr);
  header.started_unix_s = static_cast<std::int64_t>(now);
  header.started_utc = utc_iso(now);
  header.public_key_hex = key->public_key_hex();
  impl->header = header;
  impl->header_hash = header_hash(header);
  impl->prev_link = impl->header_hash;

  // Create the file ourselves: never overwrite a record, and keep motion data private (0600).
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::fail(path.string() + ": cannot create record (" + std::strerror(errno) +
                      "); records are never overwritten");
  }
  ::close(fd);
  auto db = Database::open(path, Database::Mode::read_write);
  if (!db) return std::unexpected(db.error());
  impl->db = std::move(*db);
  auto& d = impl->db;
  // WAL + synchronous=FULL: each ~1 s commit is fsynced, so a power cut loses at most the
  // uncommitted second (NORMAL would only sync at checkpoints: minutes of data at our rate).
  // 16 KiB pages: ~1 kB chunk rows waste ~20 % of a 4 KiB page but ~3 % of a 16 KiB one.
  for (const char* pragma :
       {"PRAGMA page_size=16384", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
        "PRAGMA application_id=1954051154", "PRAGMA user_version=1"}) {
    if (auto ok = d.exec(pragma); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = d.exec("BEGIN IMMEDIATE"); !ok) return std::unexpected(ok.error());
  if (auto ok = d.exec(k_record_schema_sql); !ok) return std::unexpected(ok.error());
  auto st = d.prepare(
      "INSERT INTO header(id,format_version,scenario_id,scenario_version,scenario_content_hash,"
      "runtime_version,device,mode,language,trainee_id,session_id,started_utc,started_unix_s,"
      "public_key,header_hash) VALUES(1,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, static_cast<std::int64_t>(k_record_format_version));
  st->bind(2, header.scenario_id).bind(3, header.scenario_version);
  st->bind(4, header.scenario_content_hash).bind(5, header.runtime_version);
  st->bind(6, header.device).bind(7, header.mode).bind(8, header.language);
  st->bind(9, header.trainee_id).bind(10, header.session_id).bind(11, header.started_utc);
  st->bind(12, header.started_unix_s).bind(13, header.public_key_hex);
  st->bind_blob(14, impl->header_hash);
  if (auto ok = st->run(d.handle()); !ok) return std::unexpected(ok.error());
  if (auto ok = d.exec("COMMIT"); !ok) return std::unexpected(ok.error());

  const std::size_t cap = round_up_pow2(options.queue_frames);
  impl->slots.resize(cap);
  impl->mask = cap - 1;
  // Chunk capacity: chunk_s at up to 1 kHz, so the encoder never allocates in steady state.
  impl->encoder.emplace(static_cast<std::size_t>(options.chunk_s * 1000.0) + 16,
                        options.zstd_level);
  impl->events.reserve(256);
  impl->batch.reserve(256);
  Impl* raw = impl.get();
  impl->writer = std::thread([raw] { raw->run(); });
  return std::unique_ptr<Recorder>(new Recorder(std::move(impl)));
}

bool Recorder::push_frame(const core::InputFrame& frame, const ToolSample& tool) noexcept {
  Impl& m = *impl_;
  if (m.closed) return false;
  m.frames_pushed.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t h = m.head.load(std::memory_order_relaxed);
  const std::uint64_t used = h - m.tail.load(std::memory_order_acquire);
  const std::uint64_t free_slots = m.slots.size() - used;
  const std::uint64_t needed = m.drop_run > 0 ? 2 : 1;
  if (free_slots < needed) {
    if (m.drop_run == 0) m.drop_t0_s = frame.time_s;
    m.drop_t1_s = frame.time_s;
    ++m.drop_run;
    m.frames_dropped.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  std::uint64_t at = h;
  if (m.drop_run > 0) {
    Slot& gap = m.slots[at & m.mask];
    gap.is_gap = true;
    gap.gap_frames = std::exchange(m.drop_run, 0);
    gap.gap_t0_s = m.drop_t0_s;
    gap.gap_t1_s = m.drop_t1_s;
    ++at;
  }
  Slot& slot = m.slots[at & m.mask];
  slot.is_gap = false;
  slot.frame.input = frame;
  slot.frame.tool = tool;
  m.head.store(at + 1, std::memory_order_release);
  return true;
}

core::Result<void> Recorder::push_event(double time_s, std::string_view type,
                                        std::string_view subject, std::string_view payload_json) {
  Impl& m = *impl_;
  if (m.closed) return core::fail("recorder is closed");
  if (!std::isfinite(time_s)) return core::fail("event time must be finite");
  if (type.empty()) return core::fail("event type must not be empty");
  if (!nlohmann::json::accept(payload_json)) {
    return core::fail("event '" + std::string(type) + "' payload is not valid JSON");
  }
  std::lock_guard lock(m.events_mutex);
  if (m.events.size() >= m.options.max_pending_events) {
    m.events_dropped.fetch_add(1);
    ++m.events_dropped_unreported;
    return core::fail("recorder event queue is full; the event is counted as dropped");
  }
  if (!m.events_since) m.events_since = Clock::now();
  m.events.push_back({time_s, std::string(type), std::string(subject), std::string(payload_json)});
  return {};
}

core::Result<RecorderStats> Recorder::close() {
  Impl& m = *impl_;
  if (m.closed) return stats();
  m.closed = true;
  m.stop.store(true, std::memory_order_release);
  m.wake.notify_all();
  if (m.writer.joinable()) m.writer.join();
  auto ok = m.finish();
  m.db = Database();
  if (!ok) return std::unexpected(ok.error());
  return stats();
}

RecorderStats Recorder::stats() const {
  const Impl& m = *impl_;
  return {m.frames_pushed.load(),  m.frames_dropped.load(), m.frames_written.load(),
          m.events_written.load(), m.events_dropped.load(), m.chunks_written.load(),
          m.chunk_bytes.load(),    m.write_errors.load()};
}

std::size_t Recorder::queue_depth() const {
  return static_cast<std::size_t>(impl_->head.load(std::memory_order_acquire) -
                                  impl_->tail.load(std::memory_order_acquire));
}

const RecordHeader& Recorder::header() const { return impl_->header; }
const std::filesystem::path& Recorder::path() const { return impl_->path; }

}  // namespace txr::assessment
