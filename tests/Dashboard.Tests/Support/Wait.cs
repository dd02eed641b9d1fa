namespace TracingLab.Dashboard.Tests.Support;

public static class Wait
{
    /// <summary>Polls until the condition holds; fails with what was last seen.</summary>
    public static async Task UntilAsync(Func<bool> condition, Func<string> seen, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out; last seen: " + seen());
            }

            await Task.Delay(50);
        }
    }
}
