// Minimal driver for the language branch: `spar run FILE [args]` and `spar -e CODE`.
// The real command line (REPL, --help, notebooks) lives on the REPL branch.
import Foundation
import Runtime

let argv = CommandLine.arguments
if argv.count >= 3 && argv[1] == "run" {
    guard let source = try? String(contentsOfFile: argv[2], encoding: .utf8) else {
        FileHandle.standardError.write(Data("spar: cannot read \(argv[2])\n".utf8))
        exit(66)
    }
    let session = Session()
    session.arguments = Array(argv.dropFirst(3))
    exit(session.run(source: source, path: argv[2]).exitCode)
} else if argv.count >= 3 && argv[1] == "-e" {
    let session = Session()
    exit(session.evalInteractive(argv[2], path: "<-e>").exitCode)
} else if argv.count == 2 && argv[1] == "--version" {
    print("spar \(Runtime.version)")
} else {
    FileHandle.standardError.write(Data("usage: spar run FILE [args] | spar -e CODE\n".utf8))
    exit(64)
}
