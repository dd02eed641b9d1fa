namespace Lab.Relay.Tests;

/// <summary>A random source that returns the given draws in turn, then repeats the last.</summary>
internal sealed class ScriptedRandom(params double[] draws) : Random
{
    private int _next;

    /// <summary>How many draws were taken.</summary>
    public int Taken => _next;

    public override double NextDouble() => draws[Math.Min(_next++, draws.Length - 1)];
}
