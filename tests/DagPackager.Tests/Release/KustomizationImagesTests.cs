using AirflowAspire.DagPackager.Build;
using AirflowAspire.DagPackager.Release;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>The edit of a kustomization's images: only the Airflow entries' values change; every other byte stays.</summary>
public sealed class KustomizationImagesTests
{
    private static readonly string[] Names = ReleaseRun.OfficialImageNames;

    [Fact]
    public void The_Airflow_entry_gets_the_new_name_and_tag_and_nothing_else_changes()
    {
        const string before = """
            # Published by the AppHost. Edit images: to roll out another build.
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: airflow
            resources:
            - namespace.yaml
            - airflow-scheduler.yaml
            images:
            - name: docker.io/apache/airflow   # every Airflow component
              newTag: "3.2.2"
            - name: docker.io/library/postgres
              newTag: "17.6"
            labels:
            - pairs:
                app.kubernetes.io/part-of: airflow

            """;

        var after = KustomizationImages.Update(before, "k.yaml", Names, "registry.example.com/team/dags", "0123456789ab");

        Assert.Equal(
            before.Replace(
                "# every Airflow component\n  newTag: \"3.2.2\"\n",
                "# every Airflow component\n  newName: \"registry.example.com/team/dags\"\n  newTag: \"0123456789ab\"\n",
                StringComparison.Ordinal),
            after);
    }

    [Fact]
    public void Existing_values_are_replaced_in_place_keeping_comments_and_indentation()
    {
        const string before = "images:\n    -   name: apache/airflow\n        newName: old/repo # was\n        newTag: abc # pinned\n";

        var after = KustomizationImages.Update(before, "k.yaml", Names, "new/repo", "1234567890ab");

        Assert.Equal("images:\n    -   name: apache/airflow\n        newName: \"new/repo\" # was\n        newTag: \"1234567890ab\" # pinned\n", after);
    }

    [Fact]
    public void A_tag_of_digits_is_quoted_so_kustomize_reads_a_string()
    {
        var after = KustomizationImages.Update("images:\n- name: docker.io/apache/airflow\n", "k.yaml", Names, "dags", "123456789012");

        Assert.Equal("images:\n- name: docker.io/apache/airflow\n  newName: \"dags\"\n  newTag: \"123456789012\"\n", after);
    }

    [Fact]
    public void A_digest_goes_since_it_would_win_over_the_tag()
    {
        const string before = "images:\n- name: docker.io/apache/airflow\n  digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n  newTag: 3.2.2\nkind: Kustomization\n";

        var after = KustomizationImages.Update(before, "k.yaml", Names, "dags", "aaaaaaaaaaaa");

        Assert.Equal("images:\n- name: docker.io/apache/airflow\n  newName: \"dags\"\n  newTag: \"aaaaaaaaaaaa\"\nkind: Kustomization\n", after);
    }

    [Fact]
    public void A_flow_style_entry_is_rewritten_in_flow_style()
    {
        const string before = "images: [{name: docker.io/apache/airflow, newTag: '3.2.2'}, {name: redis, newTag: '7'}]\n";

        var after = KustomizationImages.Update(before, "k.yaml", Names, "dags", "bbbbbbbbbbbb");

        Assert.Equal("images: [{name: docker.io/apache/airflow, newName: \"dags\", newTag: \"bbbbbbbbbbbb\"}, {name: redis, newTag: '7'}]\n", after);
    }

    [Fact]
    public void An_entry_an_earlier_release_pointed_at_the_same_repository_moves_again()
    {
        const string before = "images:\n- name: dags\n  newTag: \"aaaaaaaaaaaa\"\n";

        var after = KustomizationImages.Update(before, "k.yaml", [.. Names, "dags"], "dags", "cccccccccccc");

        Assert.Equal("images:\n- name: dags\n  newName: \"dags\"\n  newTag: \"cccccccccccc\"\n", after);
    }

    [Fact]
    public void Windows_line_ends_stay_windows_line_ends()
    {
        var after = KustomizationImages.Update("images:\r\n- name: apache/airflow\r\n  newTag: x\r\n", "k.yaml", Names, "dags", "dddddddddddd");

        Assert.Equal("images:\r\n- name: apache/airflow\r\n  newName: \"dags\"\r\n  newTag: \"dddddddddddd\"\r\n", after);
    }

    [Fact]
    public void No_Airflow_entry_or_no_YAML_is_a_clear_error()
    {
        var missing = Assert.Throws<PackagerError>(() =>
            KustomizationImages.Update("images:\n- name: redis\n  newTag: '7'\n", "tree/kustomization.yaml", Names, "dags", "eeeeeeeeeeee"));
        var broken = Assert.Throws<PackagerError>(() =>
            KustomizationImages.Update("images: [\n", "tree/kustomization.yaml", Names, "dags", "eeeeeeeeeeee"));

        Assert.Contains("tree/kustomization.yaml has no images: entry for the Airflow image", missing.Message);
        Assert.Contains("tree/kustomization.yaml is not valid YAML", broken.Message);
    }
}
