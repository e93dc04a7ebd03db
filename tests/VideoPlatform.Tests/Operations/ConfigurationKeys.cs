using System.Reflection;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// Every configuration key the hosts bind, found by reflection: each settings class of the platform's assemblies
/// declares its section in a <c>Section</c> constant ("VideoPlatform:..."), and its settable properties are the keys
/// below it. Renaming a property or a section changes this set, so a manifest that still sets the old key fails.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Keys read one by one rather than bound from a settings class.</summary>
    public const string ShutdownSeconds = "VideoPlatform:ShutdownSeconds";

    private static readonly Lazy<(HashSet<string> Scalars, HashSet<string> Lists)> Known = new(Discover);

    /// <summary>Whether <paramref name="key"/> ("VideoPlatform:A:B", or a list item "VideoPlatform:A:B:0") is read by a host.</summary>
    public static bool IsRead(string key)
    {
        if (Known.Value.Scalars.Contains(key) || string.Equals(key, ShutdownSeconds, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var last = key.LastIndexOf(':');
        return last > 0 && int.TryParse(key[(last + 1)..], out _) && Known.Value.Lists.Contains(key[..last]);
    }

    public static int Count => Known.Value.Scalars.Count + Known.Value.Lists.Count;

    private static (HashSet<string>, HashSet<string>) Discover()
    {
        var scalars = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lists = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "VideoPlatform.*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("VideoPlatform.Tests", StringComparison.Ordinal))
            .Select(f => Assembly.Load(AssemblyName.GetAssemblyName(f)));
        foreach (var type in assemblies.SelectMany(LoadableTypes))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section
                && section.StartsWith("VideoPlatform", StringComparison.Ordinal))
            {
                Walk(type, section, scalars, lists, depth: 0);
            }
        }

        return (scalars, lists);
    }

    private static void Walk(Type type, string prefix, HashSet<string> scalars, HashSet<string> lists, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var value = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(value))
            {
                scalars.Add(key);
            }
            else if (value.IsArray || (value.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(value)))
            {
                lists.Add(key);
            }
            else if (value.IsClass && depth < 5)
            {
                Walk(value, key, scalars, lists, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(Uri);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
