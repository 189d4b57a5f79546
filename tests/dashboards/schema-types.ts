// Types the dashboard schema check (schema-check.js) holds each dashboard to.
//
// Everything comes from Grafana's published @grafana/schema, with three
// adaptations, each needed for a dashboard as Grafana itself saves it:
//
// 1. Json<T>: the schema declares many fields as TypeScript enums
//    (FieldColorModeId, ThresholdsMode, MappingType, ...). A JSON file holds
//    their string values ("palette-classic"), which TypeScript does not
//    accept for a string enum, so Json<T> swaps every string enum for the
//    union of its values. Numeric enums (VariableHide, VariableRefresh, ...)
//    already accept their numeric values and stay as they are; a value that
//    is not a member (hide: 7) is still an error.
// 2. Prometheus queries: panel targets are Record<string, unknown> in the
//    schema and annotation targets a bare DataQuery (no expr). @grafana/schema
//    ships no Prometheus query type, so PromQuery below extends the schema's
//    DataQuery with the fields of Grafana's Prometheus PromQuery, and is
//    plugged into the schema's own generic AnnotationQuery<TQuery>. The flat
//    annotation keys Grafana's Prometheus annotation editor writes
//    (titleFormat, textFormat, tagKeys, useValueForTime) are added too.
// 3. Panel options: Panel.options and fieldConfig.defaults.custom are
//    Record<string, unknown> in the dashboard schema. Each panel plugin's own
//    published Options/FieldConfig type (PanelOptions below) checks them
//    instead, made Loose<> (every key optional, as Grafana fills in
//    defaults for missing ones) but still exact about key names and values.
import type {
  AnnotationQuery,
  Dashboard,
  DataQuery,
} from '@grafana/schema';
import type * as barGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as pieChart from '@grafana/schema/dist/esm/raw/composable/piechart/panelcfg/x/PieChartPanelCfg_types.gen';
import type * as stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as stateTimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type * as table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as timeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** A schema type as it can be written in JSON: string enums become their values. */
export type Json<T> =
  T extends string ? `${T}` :
  T extends Primitive ? T :
  T extends ReadonlyArray<infer U> ? Array<Json<U>> :
  T extends object ? { [K in keyof T]: Json<T[K]> } :
  T;

/** Json<T> with every key optional at every depth (keys and values still checked). */
export type Loose<T> =
  T extends string ? `${T}` :
  T extends Primitive ? T :
  T extends ReadonlyArray<infer U> ? Array<Loose<U>> :
  T extends object ? { [K in keyof T]?: Loose<T[K]> } :
  T;

/** Fields of a Prometheus query target (Grafana's PromQuery) on top of the schema's DataQuery. */
export interface PromQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  exemplar?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  interval?: string;
  intervalFactor?: number;
  editorMode?: 'code' | 'builder';
}

/** Keys Grafana's Prometheus annotation editor stores on the annotation itself. */
export interface PromAnnotationKeys {
  titleFormat?: string;
  textFormat?: string;
  tagKeys?: string;
  useValueForTime?: boolean;
}

export type DashboardAnnotation = AnnotationQuery<PromQuery> & PromAnnotationKeys;

/** The dashboard schema with Prometheus annotations plugged into its generic. */
export type DashboardJson = Json<
  Omit<Dashboard, 'annotations'> & { annotations?: { list?: Array<DashboardAnnotation> } }
>;

export type Target = Json<PromQuery>;

/** Each panel plugin's published options and custom field config. */
export interface PanelOptions {
  timeseries: { options: timeSeries.Options; custom: timeSeries.FieldConfig };
  stat: { options: stat.Options; custom: Record<string, never> };
  table: { options: table.Options; custom: table.FieldConfig };
  piechart: { options: pieChart.Options; custom: pieChart.FieldConfig };
  bargauge: { options: barGauge.Options; custom: Record<string, never> };
  'state-timeline': { options: stateTimeline.Options; custom: stateTimeline.FieldConfig };
}

export type PanelType = keyof PanelOptions;
export type OptionsOf<P extends PanelType> = Loose<PanelOptions[P]['options']>;
export type CustomOf<P extends PanelType> = Loose<PanelOptions[P]['custom']>;
