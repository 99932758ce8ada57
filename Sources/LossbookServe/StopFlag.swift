import Synchronization

/// A flag one thread sets and a watcher's loop polls, to end the loop at its next turn.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() {
        raised.store(true, ordering: .releasing)
    }

    var isRaised: Bool {
        raised.load(ordering: .acquiring)
    }
}
