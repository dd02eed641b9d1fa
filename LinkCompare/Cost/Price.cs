namespace TracingLab.LinkCompare.Cost;

/// <summary>One price of the price file: amount, what it is per, and the AWS page it comes from.</summary>
public sealed record Price(double Usd, string Unit, string Source);
