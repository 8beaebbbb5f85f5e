import Engine
import Foundation

extension Builtins {
    /// Installs the `file` namespace: `file.read(path)`, so scripts can train on texts that ship with
    /// them (examples/tiny_lm.spar reads data/fables.txt).
    static func installFiles() {
        let read = Builtin(name: "file.read") { args in
            try args.expect(1)
            let path = try args.string(0)
            let data: Data
            do {
                let size = try FileProblem.checkReadable(path)
                // The text is held twice while it is decoded.
                try MemoryLimit.check(count: size, of: 3, for: "file.read: \(path)")
                data = try FileProblem.readFile(path)
            } catch {
                throw ScriptError("file.read: cannot read \(path): \(FileProblem.reason(error, path: path))")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                if let wrong = FileKind.refuse(FileKind.sniff(data), path: path, function: "file.read", expecting: "UTF-8 text",
                                               accepting: [.text]) { throw wrong }
                throw ScriptError("file.read: \(path) is not UTF-8 text")
            }
            return .string(text)
        }
        register(name: "file", help: "file: reading files: file.read(path)", value: .record([("read", .builtin(read))]))
        registerHelp(topic: "file.read", help: "file.read(path): the whole content of a UTF-8 text file as a string (relative paths start at the current directory)")
    }
}
