import Testing

// Placeholder until the ConfemuFormatsTests suite is written.
