import Testing

// Placeholder until the ConfemuSupportTests suite is written.
