import Foundation

/// A thread with a 256 MiB stack that runs one job at a time for its session, so deep recursion in
/// the parser, compiler and interpreter has room and evaluations don't pay for a new thread each.
final class LargeStackWorker {
    private let condition = NSCondition()
    private var job: (() -> Void)?
    private var finished = false
    private var stopping = false
    private var thread: Thread?

    /// Runs `body` on the worker and waits for it. Re-entrant calls from the worker run inline.
    func run(_ body: @escaping () -> Void) {
        if let thread, Thread.current === thread { body(); return }
        condition.lock()
        if thread == nil { startThread() }
        job = body
        finished = false
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Lets the thread exit once it is idle.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func startThread() {
        let t = Thread { [self] in loop() }
        t.stackSize = 256 << 20
        thread = t
        t.start()
    }

    private func loop() {
        condition.lock()
        while true {
            while job == nil && !stopping { condition.wait() }
            guard let body = job else { break }
            job = nil
            condition.unlock()
            body()
            condition.lock()
            finished = true
            condition.broadcast()
        }
        condition.unlock()
    }
}
