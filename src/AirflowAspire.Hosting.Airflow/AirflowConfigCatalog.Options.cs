namespace AirflowAspire.Hosting.Airflow;

// The option names of Airflow 3.2 (core, and the celery, fab and cncf.kubernetes providers that the
// official image ships), by section, as Airflow's config.yml and the providers' provider.yaml declare them.
internal static partial class AirflowConfigCatalog
{
    private static Dictionary<string, string> Airflow3OptionsBySection => new()
    {
        ["core"] =
            "dags_folder hostname_callable might_contain_dag_callable default_timezone executor auth_manager " +
            "simple_auth_manager_users simple_auth_manager_all_admins simple_auth_manager_passwords_file " +
            "parallelism max_active_tasks_per_dag dags_are_paused_at_creation max_active_runs_per_dag " +
            "max_consecutive_failed_dag_runs_per_dag mp_start_method load_examples plugins_folder " +
            "execute_tasks_new_python_interpreter fernet_key dagbag_import_timeout dagbag_import_error_tracebacks " +
            "dagbag_import_error_traceback_depth default_impersonation security unit_test_mode " +
            "allowed_deserialization_classes allowed_deserialization_classes_regexp killed_task_cleanup_time " +
            "dag_run_conf_overrides_params dag_discovery_safe_mode dag_ignore_file_syntax default_task_retries " +
            "default_task_retry_delay max_task_retry_delay default_task_weight_rule task_success_overtime " +
            "default_task_execution_timeout min_serialized_dag_update_interval compress_serialized_dags " +
            "min_serialized_dag_fetch_interval max_num_rendered_ti_fields_per_task xcom_backend lazy_load_plugins " +
            "lazy_discover_providers hide_sensitive_var_conn_fields sensitive_var_conn_names " +
            "default_pool_task_slot_count max_map_length daemon_umask asset_manager_class asset_manager_kwargs " +
            "test_connection max_templated_field_length execution_api_server_url multi_team",
        ["database"] =
            "alembic_ini_file_path sql_alchemy_conn sql_alchemy_conn_async sql_alchemy_engine_args " +
            "sql_engine_encoding sql_engine_collation_for_ids sql_alchemy_pool_enabled sql_alchemy_pool_size " +
            "sql_alchemy_max_overflow sql_alchemy_pool_recycle sql_alchemy_pool_pre_ping sql_alchemy_schema " +
            "sql_alchemy_connect_args sql_alchemy_connect_args_async sql_alchemy_session_maker max_db_retries " +
            "check_migrations external_db_managers migration_batch_size",
        ["logging"] =
            "base_log_folder remote_logging remote_log_conn_id delete_local_logs google_key_path " +
            "remote_base_log_folder remote_task_handler_kwargs encrypt_s3_logs logging_level namespace_levels " +
            "celery_logging_level fab_logging_level uvicorn_logging_level logging_config_class " +
            "colored_console_log log_format callsite_parameters simple_log_format dag_processor_log_target " +
            "dag_processor_log_format dag_processor_child_process_log_directory log_formatter_class " +
            "secret_mask_adapter min_length_masked_secret task_log_prefix_template log_filename_template " +
            "task_log_reader extra_logger_names worker_log_server_port trigger_log_server_port " +
            "interleave_timestamp_parser file_task_handler_new_folder_permissions " +
            "file_task_handler_new_file_permissions celery_stdout_stderr_separation color_log_error_keywords " +
            "color_log_warning_keywords",
        ["metrics"] =
            "metrics_allow_list metrics_block_list statsd_on statsd_host statsd_ipv6 statsd_port statsd_prefix " +
            "stat_name_handler statsd_datadog_enabled statsd_datadog_tags statsd_datadog_metrics_tags " +
            "statsd_custom_client_path statsd_disabled_tags statsd_influxdb_enabled otel_on otel_host otel_port " +
            "otel_prefix otel_interval_milliseconds otel_debugging_on otel_service otel_ssl_active",
        ["traces"] =
            "otel_on otel_host otel_port otel_service otel_debugging_on otel_ssl_active otel_debug_traces_on",
        ["secrets"] =
            "backend backend_kwargs use_cache cache_ttl_seconds",
        ["api"] =
            "instance_name theme enable_swagger_ui secret_key expose_config expose_stacktrace base_url host port " +
            "workers worker_timeout log_config ssl_cert ssl_key maximum_page_limit fallback_page_limit " +
            "access_control_allow_headers access_control_allow_methods access_control_allow_origins " +
            "grid_view_sorting_order log_fetch_timeout_sec hide_paused_dags_by_default page_size default_wrap " +
            "auto_refresh_interval require_confirmation_dag_change",
        ["workers"] =
            "secrets_backend secrets_backend_kwargs min_heartbeat_interval max_failed_heartbeats " +
            "execution_api_retries execution_api_retry_wait_min execution_api_retry_wait_max " +
            "execution_api_timeout socket_cleanup_timeout",
        ["api_auth"] =
            "jwt_audience jwt_expiration_time jwt_cli_expiration_time jwt_secret jwt_private_key_path " +
            "jwt_algorithm jwt_kid trusted_jwks_url jwt_issuer jwt_leeway",
        ["execution_api"] =
            "jwt_expiration_time jwt_audience",
        ["lineage"] =
            "backend",
        ["operators"] =
            "default_owner default_deferrable default_cpus default_ram default_disk default_gpus default_queue",
        ["email"] =
            "email_backend email_conn_id default_email_on_retry default_email_on_failure subject_template " +
            "html_content_template from_email ssl_context",
        ["smtp"] =
            "smtp_host smtp_starttls smtp_ssl smtp_port smtp_mail_from smtp_timeout smtp_retry_limit",
        ["sentry"] =
            "sentry_on sentry_dsn before_send",
        ["scheduler"] =
            "job_heartbeat_sec scheduler_heartbeat_sec task_instance_heartbeat_sec num_runs " +
            "scheduler_idle_sleep_time parsing_cleanup_interval pool_metrics_interval ti_metrics_interval " +
            "dagrun_metrics_interval scheduler_health_check_threshold enable_health_check " +
            "scheduler_health_check_server_host scheduler_health_check_server_port orphaned_tasks_check_interval " +
            "task_instance_heartbeat_timeout task_instance_heartbeat_timeout_detection_interval " +
            "catchup_by_default ignore_first_depends_on_past_by_default max_tis_per_query use_row_level_locking " +
            "max_dagruns_to_create_per_loop max_dagruns_per_loop_to_schedule use_job_schedule " +
            "trigger_timeout_check_interval task_queued_timeout task_queued_timeout_check_interval " +
            "allowed_run_id_pattern create_cron_data_intervals create_delta_data_intervals enable_tracemalloc",
        ["triggerer"] =
            "capacity job_heartbeat_sec triggerer_health_check_threshold max_trigger_to_select_per_loop",
        ["kerberos"] =
            "ccache principal reinit_frequency kinit_path keytab forwardable include_ip",
        ["sensors"] =
            "default_timeout",
        ["dag_processor"] =
            "dag_bundle_storage_path dag_bundle_config_list refresh_interval parsing_processes " +
            "file_parsing_sort_mode max_callbacks_per_loop min_file_process_interval stale_dag_threshold " +
            "dag_file_processor_timeout print_stats_interval health_check_threshold disable_bundle_versioning " +
            "bundle_refresh_check_interval stale_bundle_cleanup_interval stale_bundle_cleanup_age_threshold " +
            "stale_bundle_cleanup_min_versions parsing_pre_import_modules",
        ["profiling"] =
            "memray_trace_components",
        ["celery_kubernetes_executor"] =
            "kubernetes_queue",
        ["celery"] =
            "celery_app_name worker_concurrency worker_autoscale worker_prefetch_multiplier " +
            "worker_enable_remote_control broker_url result_backend result_backend_sqlalchemy_engine_options " +
            "flower_host flower_url_prefix flower_port flower_basic_auth sync_parallelism celery_config_options " +
            "ssl_active ssl_key ssl_cert ssl_cacert pool operation_timeout task_acks_late task_track_started " +
            "task_publish_max_retries extra_celery_config worker_umask",
        ["celery_broker_transport_options"] =
            "visibility_timeout sentinel_kwargs",
        ["celery_result_backend_transport_options"] =
            "master_name sentinel_kwargs",
        ["fab"] =
            "cookie_secure cookie_samesite navbar_color navbar_text_color navbar_hover_color " +
            "navbar_text_hover_color access_denied_message expose_hostname auth_rate_limited auth_rate_limit " +
            "update_fab_perms auth_backends config_file session_backend session_lifetime_minutes enable_proxy_fix " +
            "proxy_fix_x_for proxy_fix_x_proto proxy_fix_x_host proxy_fix_x_port proxy_fix_x_prefix",
        ["local_kubernetes_executor"] =
            "kubernetes_queue",
        ["kubernetes_executor"] =
            "api_client_retry_configuration logs_task_metadata pod_template_file worker_container_repository " +
            "worker_container_tag namespace delete_worker_pods delete_worker_pods_on_failure " +
            "worker_pod_pending_fatal_container_state_reasons worker_pods_creation_batch_size " +
            "multi_namespace_mode multi_namespace_mode_namespace_list in_cluster cluster_context config_file " +
            "kube_client_request_args delete_option_kwargs enable_tcp_keepalive tcp_keep_idle tcp_keep_intvl " +
            "tcp_keep_cnt verify_ssl ssl_ca_cert task_publish_max_retries",
    };

    /// <summary>Options Airflow treats as secrets: they also accept the <c>_CMD</c> and <c>_SECRET</c> variants.</summary>
    private static readonly HashSet<string> SensitiveOptions =
    [
        "core.fernet_key",
        "core.asset_manager_kwargs",
        "database.sql_alchemy_conn",
        "database.sql_alchemy_conn_async",
        "database.sql_alchemy_engine_args",
        "logging.remote_task_handler_kwargs",
        "secrets.backend_kwargs",
        "api.secret_key",
        "workers.secrets_backend_kwargs",
        "api_auth.jwt_secret",
        "sentry.sentry_dsn",
        "celery.broker_url",
        "celery.result_backend",
        "celery.flower_basic_auth",
        "celery_broker_transport_options.sentinel_kwargs",
        "celery_result_backend_transport_options.sentinel_kwargs",
    ];
}
