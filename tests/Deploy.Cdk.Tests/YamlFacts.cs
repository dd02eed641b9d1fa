using YamlDotNet.Serialization;

namespace TracingLab.Deploy.Tests;

/// <summary>Parses YAML into plain dictionaries and lists, and walks it by key path.</summary>
public static class YamlFacts
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static Dictionary<object, object> Parse(string yaml) => Deserializer.Deserialize<Dictionary<object, object>>(yaml);

    public static object At(object node, params string[] path)
    {
        foreach (var key in path)
        {
            Assert.True(node is Dictionary<object, object> map && map.ContainsKey(key), $"YAML has no '{key}' (path {string.Join(".", path)})");
            node = ((Dictionary<object, object>)node)[key];
        }

        return node;
    }

    public static List<string> Strings(object node, params string[] path) =>
        ((List<object>)At(node, path)).Select(o => o.ToString()!).ToList();
}
