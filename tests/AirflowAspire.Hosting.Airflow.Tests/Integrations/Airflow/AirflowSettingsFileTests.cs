namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// WithSettingsFile: the Astro CLI's <c>airflow_settings.yaml</c> becomes the declarations WithConnection,
/// WithVariable and WithPool make, passwords as secret parameters; a bad entry is an error with its file, line,
/// field and fix.
/// </summary>
public class AirflowSettingsFileTests
{
    private const string Settings = """
        airflow:
          connections:
            - conn_id: partner_api
              conn_type: http
              conn_host: api.example.com
              conn_schema: https
              conn_login: svc
              conn_password: 's3cret:p@ss'
              conn_port: 443
          pools:
            - pool_name: etl
              pool_slot: 4
              pool_description: ETL's heavy tasks
          variables:
            - variable_name: env
              variable_value: dev
        """;

    [Fact]
    public void A_settings_file_gives_every_component_what_the_same_declarations_give()
    {
        using var fromFile = TestApp.CreateForPublish();
        File.WriteAllText(Path.Combine(fromFile.Directory, "airflow_settings.yaml"), Settings);
        fromFile.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");

        using var declared = TestApp.CreateForPublish();
        var password = declared.Builder.AddParameter("airflow-partner-api-password", secret: true);
        declared.AddAirflowWithDatabase()
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc", password: password, schema: "https")
            .WithPool("etl", 4, "ETL's heavy tasks")
            .WithVariable("env", "dev");

        var expected = Components(declared.BuildModel());
        var actual = Components(fromFile.BuildModel());

        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, (env, args)) in expected)
        {
            Assert.Equal(env, actual[name].Env);
            Assert.Equal(args, actual[name].Args);
        }

        Assert.Contains("\"password\": \"{airflow-partner-api-password.value}\"", actual["airflow-scheduler"].Env["AIRFLOW_CONN_PARTNER_API"]);
    }

    [Fact]
    public void A_password_is_a_secret_parameter_and_in_no_published_value()
    {
        using var test = TestApp.CreateForPublish();
        File.WriteAllText(Path.Combine(test.Directory, "airflow_settings.yaml"), Settings);
        test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");
        var model = test.BuildModel();

        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == "airflow-partner-api-password");
        Assert.True(parameter.Secret);
        foreach (var component in model.Resources.OfType<AirflowComponentResource>())
        {
            Assert.DoesNotContain(ModelInspection.Environment(component).Values, v => v.Contains("s3cret", StringComparison.Ordinal));
            Assert.DoesNotContain(ModelInspection.Arguments(component), a => a.Contains("s3cret", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_manifest_holds_the_passwords_placeholder_and_conforms()
    {
        using var folder = new TempFolder();
        var settings = Path.Combine(folder.Path, "airflow_settings.yaml");
        File.WriteAllText(settings, Settings);

        var manifest = await TestApp.PublishManifestAsync(builder => builder.AddAirflowWithDatabase().WithSettingsFile(settings));

        Assert.DoesNotContain("s3cret", manifest, StringComparison.Ordinal);
        var resources = System.Text.Json.Nodes.JsonNode.Parse(manifest)!["resources"]!;
        Assert.Contains("\"password\": \"{airflow-partner-api-password.value}\"", resources["airflow-scheduler"]!["env"]!["AIRFLOW_CONN_PARTNER_API"]!.GetValue<string>());
        Assert.True(resources["airflow-partner-api-password"]!["inputs"]!["value"]!["secret"]!.GetValue<bool>());
        Manifest.ManifestConformance.Assert(manifest);
    }

    [SkippableFact]
    public async Task A_local_run_gives_the_files_password_and_extra_that_airflow_reads_back()
    {
        using var test = TestApp.Create();
        WriteSettings(test, $$"""
            airflow:
              connections:
                - conn_id: warehouse
                  conn_type: postgres
                  conn_host: db.example.com
                  conn_password: '{{AirflowConnectionTests.ReservedPassword.Replace("'", "''", StringComparison.Ordinal)}}'
                  conn_extra:
                    sslmode: require
                    connect_timeout: 10
                    api_token: tok"en
            """);
        var airflow = test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");
        var connection = airflow.Resource.Connections.Single();

        var published = ModelInspection.Expression(connection.ToJson());
        var read = AirflowConnectionReader.Read((await connection.ToJson().GetValueAsync(CancellationToken.None))!);

        Assert.Contains("\"extra\": {{\"sslmode\": \"require\", \"connect_timeout\": 10, \"api_token\": \"{airflow-warehouse-api-token.value}\"}}", published);
        Assert.Equal(AirflowConnectionTests.ReservedPassword, read.Text("password"));
        Assert.Equal("db.example.com", read.Text("host"));
        var extra = System.Text.Json.JsonDocument.Parse(read.Text("extra")!).RootElement;
        Assert.Equal("require", extra.GetProperty("sslmode").GetString());
        Assert.Equal(10, extra.GetProperty("connect_timeout").GetInt32());
        Assert.Equal("tok\"en", extra.GetProperty("api_token").GetString());
    }

    [Fact]
    public async Task A_password_the_configuration_gives_wins_over_the_files()
    {
        using var test = TestApp.Create("--Parameters:airflow-partner-api-password=given");
        File.WriteAllText(Path.Combine(test.Directory, "airflow_settings.yaml"), Settings);
        test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");

        var parameter = test.Builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "airflow-partner-api-password");

        Assert.Equal("given", await parameter.GetValueAsync(CancellationToken.None));
    }

    [Fact]
    public void A_variable_named_as_a_secret_is_a_secret_parameter()
    {
        using var test = TestApp.CreateForPublish();
        WriteSettings(test, """
            airflow:
              variables:
                - variable_name: partner_api_token
                  variable_value: t0ken
                - variable_name: env
                  variable_value: dev
            """);
        test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");
        var model = test.BuildModel();

        var env = ModelInspection.Environment(AirflowConnectionTests.Component(model, "airflow-scheduler"));

        Assert.Equal("{airflow-variable-partner-api-token.value}", env["AIRFLOW_VAR_PARTNER_API_TOKEN"]);
        Assert.Equal("dev", env["AIRFLOW_VAR_ENV"]);
        Assert.True(model.Resources.OfType<ParameterResource>().Single(p => p.Name == "airflow-variable-partner-api-token").Secret);
    }

    [Fact]
    public void An_extra_given_as_a_json_string_keeps_its_nesting()
    {
        using var test = TestApp.CreateForPublish();
        WriteSettings(test, """
            airflow:
              connections:
                - conn_id: cloud
                  conn_type: google_cloud_platform
                  conn_extra: '{"project": "p1", "scopes": ["a", "b"], "keyfile_dict": "{}"}'
            """);
        var airflow = test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");

        var published = ModelInspection.Expression(airflow.Resource.Connections.Single().ToJson());

        Assert.Equal(
            "{{\"conn_type\": \"google_cloud_platform\", \"extra\": {{\"project\": \"p1\", \"scopes\": [\"a\",\"b\"], \"keyfile_dict\": \"{airflow-cloud-keyfile-dict.value}\"}}}}",
            published);
    }

    [Fact]
    public void The_template_of_astro_dev_init_declares_nothing()
    {
        using var test = TestApp.CreateForPublish();
        WriteSettings(test, """
            # This file allows you to configure Airflow Connections, Pools, and Variables in a single place for local development only.
            airflow:
              connections:
                - conn_id:
                  conn_type:
                  conn_host:
                  conn_schema:
                  conn_login:
                  conn_password:
                  conn_port:
                  conn_extra:
                    example_extra_field: example-value
              pools:
                - pool_name:
                  pool_slot:
                  pool_description:
              variables:
                - variable_name:
                  variable_value:
            """);

        var airflow = test.AddAirflowWithDatabase().WithSettingsFile("airflow_settings.yaml");

        Assert.Empty(airflow.Resource.Connections);
        Assert.Empty(airflow.Resource.Pools);
        Assert.Empty(airflow.Resource.Variables);
    }

    [Theory]
    [InlineData("""
        airflow:
          connections:
            - conn_type: http
              conn_host: a.example.com
        """, "line 3: connections[0].conn_id is missing: give the connection's id")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_type: http
            - conn_id: b
              conn_type: http
              conn_port: abc
        """, "line 7: connections[1].conn_port \"abc\" is not a port number: give a number from 1 to 65535")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_type: http
              conn_port: 70000
        """, "line 5: connections[0].conn_port 70000 is not a port number: give a number from 1 to 65535")]
    [InlineData("""
        airflow:
          pools:
            - pool_name: etl
              pool_slot: -1
        """, "line 4: pools[0].pool_slot -1 is not a number of slots: give 0 or more")]
    [InlineData("""
        airflow:
          pools:
            - pool_name: etl
        """, "line 3: pools[0].pool_slot is missing: give the pool's number of slots")]
    [InlineData("""
        airflow:
          variables:
            - variable_name: env
        """, "line 3: variables[0].variable_value is missing: give the variable's value")]
    [InlineData("""
        airflow:
          connection:
            - conn_id: a
        """, "line 2: airflow has the key \"connection\", which Astro's settings do not: use connections, pools, variables.")]
    [InlineData("""
        settings:
          connections: []
        """, "line 1: the file has the key \"settings\", which Astro's settings do not: use airflow.")]
    [InlineData("""
        airflow:
          connections:
            conn_id: a
        """, "line 3: airflow.connections is not a list: write each entry on a line starting with \"- \".")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_type: http
              conn_pasword: x
        """, "line 5: connections[0] has the field \"conn_pasword\", which is not one of conn_id, conn_type")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: my-conn
              conn_type: http
        """, "line 3: connections[0]: Airflow 'airflow': the connection id 'my-conn' cannot be an environment variable's name")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_type: http
              conn_extra:
                nested:
                  key: value
        """, "line 7: connections[0].conn_extra.nested holds a nested value: give conn_extra as a JSON string")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_uri: http://u:p@host
        """, "line 4: connections[0].conn_uri is not read here: give the connection's parts instead")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: a
              conn_type: [http]
        """, "line 4: connections[0].conn_type is not text")]
    [InlineData("""
        airflow:
          connections:
            - conn_id: 'a
        """, "line 3: is not valid YAML (")]
    public void A_bad_entry_is_refused_with_its_line_field_and_fix(string yaml, string expected)
    {
        using var test = TestApp.Create();
        WriteSettings(test, yaml);
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.ThrowsAny<DistributedApplicationException>(() => airflow.WithSettingsFile("airflow_settings.yaml"));

        Assert.StartsWith("airflow_settings.yaml ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_of_the_file_and_a_WithConnection_of_the_same_id_are_refused()
    {
        using var test = TestApp.Create();
        WriteSettings(test, """
            airflow:
              connections:
                - conn_id: warehouse
                  conn_type: postgres
            """);
        var airflow = test.AddAirflowWithDatabase().WithConnection("WAREHOUSE", "postgres", "db.example.com");

        var error = Assert.ThrowsAny<DistributedApplicationException>(() => airflow.WithSettingsFile("airflow_settings.yaml"));

        Assert.StartsWith("airflow_settings.yaml line 3: connections[0]: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("declares the connection 'warehouse' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named_with_the_fix()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithSettingsFile("settings/airflow_settings.yaml"));

        Assert.Contains(Path.Combine(test.Directory, "settings", "airflow_settings.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("relative to the AppHost's folder", error.Message, StringComparison.Ordinal);
    }

    private static void WriteSettings(TestApp test, string yaml) =>
        File.WriteAllText(Path.Combine(test.Directory, "airflow_settings.yaml"), yaml);

    private static Dictionary<string, (Dictionary<string, string> Env, List<string> Args)> Components(DistributedApplicationModel model) =>
        model.Resources.OfType<AirflowComponentResource>()
            .ToDictionary(c => c.Name, c => (ModelInspection.Environment(c), ModelInspection.Arguments(c)));
}
