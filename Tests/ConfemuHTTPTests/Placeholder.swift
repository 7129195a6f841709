import Testing

// Placeholder until the ConfemuHTTPTests suite is written.
