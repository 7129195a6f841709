import Testing

// Placeholder until the ProviderProConfTests suite is written.
