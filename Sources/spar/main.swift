// The `spar` command: argument parsing only; everything it runs lives in Runtime (see `Launcher`).
SparCommand.main()
