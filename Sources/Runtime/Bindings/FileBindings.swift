import Foundation

extension Builtins {
    /// Installs the `file` namespace: `file.read(path)`, so scripts can train on texts that ship with
    /// them (examples/tiny_lm.spar reads data/fables.txt).
    static func installFiles() {
        let read = Builtin(name: "file.read") { args in
            try args.expect(1)
            let path = try args.string(0)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ScriptError("file.read: cannot read \(path): no such file")
            }
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ScriptError("file.read: cannot read \(path): \(error.localizedDescription)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ScriptError("file.read: \(path) is not UTF-8 text")
            }
            return .string(text)
        }
        register(name: "file", help: "file: reading files: file.read(path)", value: .record([("read", .builtin(read))]))
        registerHelp(topic: "file.read", help: "file.read(path): the whole content of a UTF-8 text file as a string (relative paths start at the current directory)")
    }
}
