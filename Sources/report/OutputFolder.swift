import Foundation

/// A folder that receives a run's files all at once, or not at all.
///
/// Every file is first written in full to a hidden temporary name in the same folder, then
/// all are renamed over their final names. A reader never sees a half-written file, and a
/// failure before the renames leaves the folder as it was.
struct OutputFolder {
    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// A failure to create the folder or one of its files, with the sysexits status to leave with.
    struct WriteError: Error, CustomStringConvertible {
        let description: String
        let cannotCreate: Bool
    }

    /// Checks that the folder can be used before any work is done, creating it if missing.
    func prepare() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw WriteError(description: "--output '\(url.path)' exists and is not a folder", cannotCreate: true)
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw WriteError(description: "--output '\(url.path)' cannot be created: \(reason(error))", cannotCreate: true)
            }
        }
        guard access(url.path, W_OK | X_OK) == 0 else {
            throw WriteError(description: "--output '\(url.path)' is not writable: \(String(cString: strerror(errno)))", cannotCreate: true)
        }
    }

    /// Writes every file, each under its final name only once all are complete.
    func write(_ files: [(name: String, bytes: [UInt8])]) throws {
        var staged: [(temporary: URL, final: URL)] = []
        defer { for entry in staged { unlink(entry.temporary.path) } }
        for file in files {
            let final = url.appendingPathComponent(file.name)
            let temporary = url.appendingPathComponent(".\(file.name).\(getpid()).tmp")
            staged.append((temporary, final))
            try writeFully(file.bytes, to: temporary)
        }
        for entry in staged where rename(entry.temporary.path, entry.final.path) != 0 {
            throw WriteError(description: "cannot replace '\(entry.final.path)': \(String(cString: strerror(errno)))", cannotCreate: false)
        }
        staged.removeAll()
    }

    /// The names among `files` whose bytes on disk differ from the given ones, or are missing.
    func staleFiles(_ files: [(name: String, bytes: [UInt8])]) -> [String] {
        files.filter { file in
            let onDisk = FileManager.default.contents(atPath: url.appendingPathComponent(file.name).path)
            return onDisk.map { [UInt8]($0) } != file.bytes
        }.map(\.name)
    }

    private func writeFully(_ bytes: [UInt8], to file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(description: "cannot create '\(file.path)': \(String(cString: strerror(errno)))", cannotCreate: true)
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: "cannot write '\(file.path)': \(String(cString: strerror(errno)))", cannotCreate: false)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw WriteError(description: "cannot write '\(file.path)': \(String(cString: strerror(errno)))", cannotCreate: false)
        }
    }

    private func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
