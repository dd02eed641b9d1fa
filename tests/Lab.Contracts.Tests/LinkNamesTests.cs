using TracingLab.Contracts.Links;

namespace Lab.Contracts.Tests;

public class LinkNamesTests
{
    [Fact]
    public void TheLinksAreListedOnceInDisplayOrder()
    {
        Assert.Equal(["tgw", "peering", "privatelink"], LinkNames.All);
        Assert.Equal("tgw, peering, privatelink", LinkNames.Allowed);
    }

    [Theory]
    [InlineData("tgw", true)]
    [InlineData("privatelink", true)]
    [InlineData("PrivateLink", false)]
    [InlineData("direct", false)]
    [InlineData("vpn", false)]
    public void OnlyTheListedNamesAreKnown(string name, bool known)
    {
        Assert.Equal(known, LinkNames.IsKnown(name));
    }
}
