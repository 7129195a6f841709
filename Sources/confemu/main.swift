import ConfemuApp

// Placeholder until the CLI is written.
