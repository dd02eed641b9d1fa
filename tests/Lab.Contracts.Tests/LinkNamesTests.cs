using TracingLab.Contracts.Links;

namespace Lab.Contracts.Tests;

public class LinkNamesTests
{
    [Fact]
    public void TheLinksAreListedOnceInDisplayOrder()
    {
        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], LinkNames.All);
        Assert.Equal("tgw, peering, privatelink, lattice", LinkNames.Allowed);
    }

    [Fact]
    public void EveryLinkHasADescriptionOfWhatItChanges()
    {
        Assert.All(LinkNames.All, l => Assert.StartsWith(l == "tgw" ? "Transit Gateway" : l == "peering" ? "VPC peering" : l == "privatelink" ? "PrivateLink" : "VPC Lattice", LinkDescriptions.Describe(l), StringComparison.Ordinal));
        Assert.Contains("not one of the lab's links", LinkDescriptions.Describe("vpn"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tgw", true)]
    [InlineData("privatelink", true)]
    [InlineData("lattice", true)]
    [InlineData("PrivateLink", false)]
    [InlineData("direct", false)]
    [InlineData("vpn", false)]
    public void OnlyTheListedNamesAreKnown(string name, bool known)
    {
        Assert.Equal(known, LinkNames.IsKnown(name));
    }
}
