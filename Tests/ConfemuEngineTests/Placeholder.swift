import Testing

// Placeholder until the ConfemuEngineTests suite is written.
