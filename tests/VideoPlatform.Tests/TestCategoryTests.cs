using System.Reflection;

namespace VideoPlatform.Tests;

/// <summary>
/// `./vp test --fast` runs Category=Unit and CI runs everything: a test without exactly one category of the two would
/// fall out of the fast run unnoticed, or land in it while needing a cluster.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TestCategoryTests
{
    private static readonly string[] Categories = ["Unit", "Integration"];

    [Fact]
    public void EveryTest_HasExactlyOneCategory_UnitOrIntegration()
    {
        var discovered = typeof(TestCategoryTests).Assembly.GetTypes().Where(t => t.IsPublic || t.IsNestedPublic);

        Assert.Empty(Offenders(discovered));
    }

    [Fact]
    public void Offenders_ClassWithoutCategory_IsReported()
    {
        var offenders = Offenders([typeof(TestCategoryTests), typeof(Uncategorised), typeof(TwoCategories)]);

        Assert.Equal(
            [$"{typeof(Uncategorised).FullName}.{nameof(Uncategorised.Runs)}: []", $"{typeof(TwoCategories).FullName}.{nameof(TwoCategories.Runs)}: [Unit, Integration]"],
            offenders);
    }

    /// <summary>Test methods (Theory derives from Fact) whose class and method traits do not name exactly one category.</summary>
    private static List<string> Offenders(IEnumerable<Type> types) =>
        types.Where(t => !t.IsAbstract)
            .SelectMany(t => t.GetMethods().Where(m => m.IsDefined(typeof(FactAttribute), inherit: true)).Select(m => (Type: t, Method: m)))
            .Select(x => (Name: $"{x.Type.FullName}.{x.Method.Name}", Found: CategoriesOf(x.Type).Concat(CategoriesOf(x.Method)).ToList()))
            .Where(x => x.Found is not [var only] || !Categories.Contains(only))
            .Select(x => $"{x.Name}: [{string.Join(", ", x.Found)}]")
            .ToList();

    // Read as xunit reads them: from the member's own attribute data (a base class's traits are not inherited).
    private static IEnumerable<string> CategoriesOf(MemberInfo member) =>
        member.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && Equals(a.ConstructorArguments[0].Value, "Category"))
            .Select(a => (string)a.ConstructorArguments[1].Value!);

    // Private on purpose: xunit does not discover them, the check above does.
#pragma warning disable xUnit1000
    private sealed class Uncategorised
    {
        [Fact]
        public void Runs() => Assert.True(true);
    }

    [Trait("Category", "Unit")]
    private sealed class TwoCategories
    {
        [Fact]
        [Trait("Category", "Integration")]
        public void Runs() => Assert.True(true);
    }
#pragma warning restore xUnit1000
}
