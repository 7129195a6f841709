import Testing

// Placeholder until the EndToEndTests suite is written.
