DROP TABLE kpi_schemes;
