import ArgumentParser
struct Lossbook: ParsableCommand {}
Lossbook.main()
