using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TracingLab.XRay.Benchmarks.TranslationBenchmarks).Assembly).Run(args);
