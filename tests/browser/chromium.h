// Headless Chromium driven over the DevTools protocol through a pipe
// (--remote-debugging-pipe: the browser reads NUL-terminated JSON commands on
// fd 3 and writes replies and events on fd 4). No WebSocket, no npm package:
// Debian's `chromium` and nlohmann/json are all it needs.
//
// The browser runs in its own process group with a fresh profile; the
// destructor closes it and, if it lingers, kills that group (only the
// processes this object started). Every wait has a deadline, so a hung browser
// fails a test instead of hanging it. Not thread-safe.
#ifndef CREDENCE_TESTS_BROWSER_CHROMIUM_H_
#define CREDENCE_TESTS_BROWSER_CHROMIUM_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace credence::testing {

class Chromium {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kTimeout{60};  // per command; generous for a loaded CI box

  // Starts `$CREDENCE_CHROMIUM` (default: `chromium` on PATH) headless with
  // its profile in `profile_dir`. nullptr with `*error` set when it cannot
  // start or does not answer.
  static std::unique_ptr<Chromium> Launch(const std::filesystem::path& profile_dir,
                                          std::string* error) {
    int to_browser[2], from_browser[2];
    if (pipe(to_browser) != 0 || pipe(from_browser) != 0) {
      *error = "pipe() failed";
      return nullptr;
    }
    const char* env = std::getenv("CREDENCE_CHROMIUM");
    const std::string program = env != nullptr && *env != '\0' ? env : "chromium";
    const std::string profile = "--user-data-dir=" + profile_dir.string();
    const std::string log = (profile_dir / "chromium.log").string();
    const pid_t pid = fork();
    if (pid < 0) {
      *error = "fork() failed";
      return nullptr;
    }
    if (pid == 0) {
      setpgid(0, 0);
      // Move the pipe ends above 4 first, so that dup2 onto 3 and 4 cannot
      // clobber one another.
      const int in = fcntl(to_browser[0], F_DUPFD, 10);
      const int out = fcntl(from_browser[1], F_DUPFD, 10);
      dup2(in, 3);
      dup2(out, 4);
      const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int null_fd = open("/dev/null", O_RDONLY);
      dup2(null_fd, 0);
      dup2(log_fd, 1);
      dup2(log_fd, 2);
      for (int fd : {to_browser[0], to_browser[1], from_browser[0], from_browser[1], in, out,
                     log_fd, null_fd}) {
        if (fd > 4) close(fd);
      }
      execlp(program.c_str(), program.c_str(), "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--hide-scrollbars", profile.c_str(), "about:blank", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_browser[0]);
    close(from_browser[1]);
    std::unique_ptr<Chromium> browser(new Chromium(pid, to_browser[1], from_browser[0], log));
    const nlohmann::json version = browser->Call("Browser.getVersion", {}, "", error);
    if (!error->empty()) {
      *error = "chromium (" + program + ") did not answer: " + *error +
               " (is Debian's `chromium` installed? scripts/install-deps installs it)";
      return nullptr;
    }
    return browser;
  }

  Chromium(const Chromium&) = delete;
  Chromium& operator=(const Chromium&) = delete;

  ~Chromium() {
    std::string ignored;
    if (!dead_) Call("Browser.close", {}, "", &ignored);
    close(to_fd_);
    close(from_fd_);
    const Clock::time_point deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        kill(-pid_, SIGKILL);  // any helper process left in its group
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

  // Sends `method` (to the page `session`, or to the browser when empty) and
  // returns its result. On error or timeout returns null and sets `*error`
  // (cleared on success). Events that arrive meanwhile are kept (events()).
  nlohmann::json Call(const std::string& method, const nlohmann::json& params,
                      const std::string& session, std::string* error) {
    error->clear();
    const int id = ++last_id_;
    nlohmann::json command = {{"id", id}, {"method", method},
                              {"params", params.is_null() ? nlohmann::json::object() : params}};
    if (!session.empty()) command["sessionId"] = session;
    if (!Send(command, error)) return nullptr;
    const Clock::time_point deadline = Clock::now() + kTimeout;
    for (;;) {
      nlohmann::json message;
      if (!Read(&message, deadline, error)) {
        *error = method + ": " + *error;
        return nullptr;
      }
      if (!message.contains("id")) {
        Keep(std::move(message));
        continue;
      }
      if (message["id"] != id) continue;
      if (message.contains("error")) {
        *error = method + ": " + message["error"].dump();
        return nullptr;
      }
      return message.value("result", nlohmann::json::object());
    }
  }

  // Waits until an event `method` of `session` has arrived (counting those
  // already kept from index `from` on). False with `*error` on timeout.
  bool WaitForEvent(const std::string& method, const std::string& session, std::size_t from,
                    std::string* error) {
    error->clear();
    const Clock::time_point deadline = Clock::now() + kTimeout;
    for (;;) {
      for (std::size_t i = from; i < events_.size(); ++i) {
        if (events_[i].value("method", "") == method &&
            events_[i].value("sessionId", "") == session) {
          return true;
        }
      }
      from = events_.size();
      nlohmann::json message;
      if (!Read(&message, deadline, error)) {
        *error = "waiting for " + method + ": " + *error;
        return false;
      }
      if (!message.contains("id")) Keep(std::move(message));
    }
  }

  // Every event received so far, in arrival order.
  const std::vector<nlohmann::json>& events() const { return events_; }

  // The browser's own stdout and stderr, for failure messages.
  std::string Log() const {
    std::string text;
    FILE* f = fopen(log_.c_str(), "r");
    if (f == nullptr) return text;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    fclose(f);
    return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
  }

 private:
  Chromium(pid_t pid, int to_fd, int from_fd, std::string log)
      : pid_(pid), to_fd_(to_fd), from_fd_(from_fd), log_(std::move(log)) {
    signal(SIGPIPE, SIG_IGN);  // a dead browser is an error result, not a dead test
  }

  void Keep(nlohmann::json event) {
    // A dialog (alert, confirm, prompt) blocks the page until answered: note
    // it (the caller sees the event) and dismiss it so the page can finish.
    if (event.value("method", "") == "Page.javascriptDialogOpening" &&
        event.contains("sessionId")) {
      nlohmann::json answer = {{"id", ++last_id_},
                               {"method", "Page.handleJavaScriptDialog"},
                               {"params", {{"accept", false}}},
                               {"sessionId", event["sessionId"]}};
      std::string ignored;
      Send(answer, &ignored);
    }
    events_.push_back(std::move(event));
  }

  bool Send(const nlohmann::json& message, std::string* error) {
    std::string bytes = message.dump();
    bytes.push_back('\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = write(to_fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        dead_ = true;
        *error = "the browser closed its pipe";
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  bool Read(nlohmann::json* message, Clock::time_point deadline, std::string* error) {
    for (;;) {
      const std::size_t end = buffer_.find('\0');
      if (end != std::string::npos) {
        *message = nlohmann::json::parse(buffer_.substr(0, end), nullptr, false);
        buffer_.erase(0, end + 1);
        if (message->is_discarded()) {
          *error = "unreadable message from the browser";
          return false;
        }
        return true;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        *error = "timed out";
        return false;
      }
      pollfd p = {from_fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[65536];
      const ssize_t n = read(from_fd_, chunk, sizeof chunk);
      if (n <= 0) {
        dead_ = true;
        *error = "the browser exited";
        return false;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_;
  int to_fd_, from_fd_;
  std::string log_;
  std::string buffer_;
  std::vector<nlohmann::json> events_;
  int last_id_ = 0;
  bool dead_ = false;
};

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_BROWSER_CHROMIUM_H_
