// Placeholder until the benchmark is written.
print("confemu-bench")
