#include "thidua/store/fault_injecting_env.hpp"

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace thidua {
namespace {

rocksdb::IOStatus injected() { return rocksdb::IOStatus::IOError("injected I/O failure"); }

class FaultyFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultyFile(std::unique_ptr<rocksdb::FSWritableFile> file, const FaultInjectingEnv& faults)
      : FSWritableFileOwnerWrapper(std::move(file)), faults_(faults) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    if (faults_.writes_fail()) return injected();
    return FSWritableFileOwnerWrapper::Append(data, options, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (faults_.writes_fail()) return injected();
    return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    if (faults_.syncs_fail()) return injected();
    return FSWritableFileOwnerWrapper::Sync(options, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    if (faults_.syncs_fail()) return injected();
    return FSWritableFileOwnerWrapper::Fsync(options, dbg);
  }

 private:
  const FaultInjectingEnv& faults_;
};

class FaultyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultyFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base,
                   const FaultInjectingEnv& faults)
      : FileSystemWrapper(base), faults_(faults) {}

  const char* Name() const override { return "ThiduaFaultyFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok()) *result = std::make_unique<FaultyFile>(std::move(*result), faults_);
    return s;
  }

  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->ReopenWritableFile(name, options, result, dbg);
    if (s.ok()) *result = std::make_unique<FaultyFile>(std::move(*result), faults_);
    return s;
  }

 private:
  const FaultInjectingEnv& faults_;
};

}  // namespace

FaultInjectingEnv::FaultInjectingEnv()
    : fs_(std::make_shared<FaultyFileSystem>(rocksdb::FileSystem::Default(), *this)),
      env_(rocksdb::NewCompositeEnv(fs_)) {}

FaultInjectingEnv::~FaultInjectingEnv() = default;

}  // namespace thidua
