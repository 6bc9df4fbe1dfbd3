import PetitionsDomain

/// The HTML report: one self-contained file (inline CSS and SVG, no scripts, no fonts or images
/// from the network) that is also well-formed XML, so it parses as HTML5 and as XHTML alike.
enum ReportTemplate {
    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="petitions report"/>
        <title>{{title}}</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        {{#hasLinks}}<nav class="bar">{{#links}}<a href="{{href}}">{{label}}</a> {{/links}}</nav>{{/hasLinks}}
        <p class="meta">Generated {{generated}} {{zone}} from {{source}}. Times are {{zone}} unless a chart says otherwise.</p>
        {{{zoneForm}}}
        {{#multiple}}<nav><ul class="toc">{{#campaigns}}<li><a href="#{{slug}}">{{title}}</a></li>{{/campaigns}}</ul></nav>{{/multiple}}
        </header>
        <main>
        {{#campaigns}}
        <section class="campaign" id="{{slug}}">
        <h2>{{title}}</h2>
        <p class="meta">{{kind}} · <code>{{slug}}</code></p>
        {{#hasGlance}}<div class="glance">{{#glance}}<p>{{.}}</p>{{/glance}}</div>{{/hasGlance}}
        <dl class="facts">{{#facts}}<dt>{{term}}</dt><dd>{{value}}</dd>{{/facts}}</dl>

        {{#charts}}
        <figure class="chart" id="{{id}}">
        <div class="chart-wide">{{{svg}}}</div>
        <div class="chart-narrow">{{{narrowSVG}}}</div>
        <figcaption>{{caption}}</figcaption>
        </figure>
        {{/charts}}
        {{^charts}}<p class="empty">No figures to chart yet.</p>{{/charts}}

        {{#growth}}
        <h3>Growth</h3>
        <p>{{summary}}</p>
        <p class="meta">Measured on {{basis}}.</p>
        {{#hasSteps}}
        <div class="table-scroll"><table>
        <thead><tr><th>{{stepHeader}}</th><th class="num">count</th><th class="num">gained</th><th class="num">per day</th></tr></thead>
        <tbody>{{#steps}}<tr><td data-label="starting">{{bucket}}</td><td data-label="count" class="num">{{value}}</td><td data-label="gained" class="num">{{#fell}}<span class="flag">count-fell</span> {{/fell}}{{gained}}</td><td data-label="per day" class="num">{{rate}}</td></tr>{{/steps}}</tbody>
        </table></div>
        {{#stepsOmitted}}<p class="meta">{{stepsOmitted}}</p>{{/stepsOmitted}}
        {{/hasSteps}}
        {{#hasFalls}}<p><span class="flag">count-fell</span> The count fell: {{#falls}}from {{from}} to {{to}} at {{at}} ({{lost}} signatures removed by the platform); {{/falls}}each is a fall, not a gap.</p>{{/hasFalls}}
        {{/growth}}

        {{#hasProjections}}
        <h3>Projection</h3>
        <div class="table-scroll"><table>
        <thead><tr><th>target</th><th>when</th><th>range</th></tr></thead>
        <tbody>{{#projections}}<tr><td data-label="target">{{target}}</td><td data-label="when">{{when}}</td><td data-label="range">{{range}}</td></tr>{{/projections}}</tbody>
        </table></div>
        <p class="meta">Method: {{projectionMethod}}.</p>
        {{/hasProjections}}
        {{#projectionNote}}<h3>Projection</h3><p>{{projectionNote}}</p>{{/projectionNote}}

        <h3>What outlets report</h3>
        {{#metrics}}
        <h4>{{name}}</h4>
        <p>{{summary}}</p>
        <div class="table-scroll"><table>
        <thead><tr><th>#</th><th>outlet</th><th>reported</th><th>allows</th><th>as of</th><th>published</th>{{#tracked}}<th>against the platform</th>{{/tracked}}<th>flags</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="#">{{#figureLinks}}<a href="{{figureBase}}{{id}}">{{id}}</a>{{/figureLinks}}{{^figureLinks}}{{id}}{{/figureLinks}}</td><td data-label="outlet">{{outlet}}</td><td data-label="reported" class="num">{{reported}}</td><td data-label="allows" class="num">{{allows}}</td><td data-label="as of">{{asOf}}</td><td data-label="published">{{published}}</td>{{#tracked}}<td data-label="against the platform"><span class="{{verdictClass}}">{{verdict}}</span></td>{{/tracked}}<td data-label="flags">{{#flags}}<span class="flag">{{.}}</span>{{/flags}}{{^flags}}<span class="ok">ok</span>{{/flags}}</td></tr>{{/rows}}</tbody>
        </table></div>
        {{#hasNotes}}<ul class="why">{{#notes}}<li><strong>#{{id}} {{flag}}</strong>: {{explanation}}.</li>{{/notes}}</ul>{{/hasNotes}}
        {{/metrics}}
        {{^metrics}}<p class="empty">No figures yet.</p>{{/metrics}}

        {{#hasFirstReports}}
        <h3>Who reported first</h3>
        <div class="table-scroll"><table>
        <thead><tr><th>number</th><th>first</th><th>out</th><th>repeated by (how much later)</th></tr></thead>
        <tbody>{{#firstReports}}<tr><td data-label="number" class="num">{{number}}</td><td data-label="first">{{first}}</td><td data-label="out">{{out}}</td><td data-label="repeated by (how much later)">{{repeats}}</td></tr>{{/firstReports}}</tbody>
        </table></div>
        {{/hasFirstReports}}

        {{#hasLags}}
        <h3>Behind the platform</h3>
        <div class="table-scroll"><table>
        <thead><tr><th>#</th><th>outlet</th><th>reported</th><th>out</th><th class="num">platform then</th><th class="num">behind by</th><th>platform had it</th></tr></thead>
        <tbody>{{#lags}}<tr><td data-label="#">{{#figureLinks}}<a href="{{figureBase}}{{id}}">{{id}}</a>{{/figureLinks}}{{^figureLinks}}{{id}}{{/figureLinks}}</td><td data-label="outlet">{{outlet}}</td><td data-label="reported" class="num">{{reported}}</td><td data-label="out">{{out}}</td><td data-label="platform then" class="num">{{platformValue}}</td><td data-label="behind by" class="num">{{behindBy}}</td><td data-label="platform had it">{{timeBehind}}</td></tr>{{/lags}}</tbody>
        </table></div>
        {{/hasLags}}

        <h3>Provenance</h3>
        {{#hasProvenance}}
        <div class="table-scroll wide-table"><table class="provenance">
        <thead><tr><th>#</th><th>outlet</th><th>metric</th><th>reported</th><th>as of</th><th>published</th><th>recorded</th><th>source</th><th>quote or note</th></tr></thead>
        <tbody>{{#provenance}}<tr class="{{status}}"><td data-label="#">{{#figureLinks}}<a href="{{figureBase}}{{id}}">{{id}}</a>{{/figureLinks}}{{^figureLinks}}{{id}}{{/figureLinks}}</td><td data-label="outlet">{{outlet}}</td><td data-label="metric">{{metric}}</td><td data-label="reported" class="num">{{reported}}{{#statusNote}} <em>({{statusNote}})</em>{{/statusNote}}</td><td data-label="as of">{{asOf}}</td><td data-label="published">{{published}}</td><td data-label="recorded">{{recorded}}</td><td data-label="source">{{#url}}<a href="{{url}}">{{host}}</a>{{/url}}{{^url}}<span class="meta">no URL recorded</span>{{/url}}</td><td data-label="quote or note">{{#quote}}<q>{{quote}}</q>{{/quote}}{{#note}} <span class="meta">{{note}}</span>{{/note}}</td></tr>{{/provenance}}</tbody>
        </table></div>
        {{/hasProvenance}}
        {{^provenance}}<p class="empty">No figures recorded.</p>{{/provenance}}
        {{#campaignNotes}}<p class="meta">{{campaignNotes}}</p>{{/campaignNotes}}
        </section>
        {{/campaigns}}
        </main>
        <footer>
        <h3>How to read this report</h3>
        <ul>
        <li>Each figure is drawn as the counts it allows: {{qualifiers}}.</li>
        <li>Flags: {{flags}}.</li>
        <li>Where the platform's own count is tracked (polled), it is the reference, not a vote: each outlet's figure is judged against the platform's count at its as-of time ({{verdicts}}), and the consensus is drawn from the outlets alone.</li>
        <li>A chart plots, for each outlet and {{bucketWords}}, the latest figure it gave whose count held in that period; empty periods are gaps, not zeros.</li>
        </ul>
        </footer>
        </body>
        </html>

        """

    static let css = """
        :root{--ink:#1a1a1a;--muted:#555;--rule:#dadada;--accent:#0072B2}
        *{box-sizing:border-box}
        body{margin:0;font-size:16px;line-height:1.5;font-family:\(Chart.fontStack);color:var(--ink);background:#fff}
        header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
        h1{font-size:1.75rem;line-height:1.2;margin:1.5rem 0 .25rem}
        h2{font-size:1.45rem;line-height:1.25;border-top:3px solid var(--ink);padding-top:.75rem;margin:2.5rem 0 .25rem}
        h3{font-size:1.15rem;margin:2rem 0 .5rem}
        h4{font-size:1rem;margin:1.25rem 0 .25rem}
        p{margin:.5rem 0}
        .meta{color:var(--muted);font-size:.9rem}
        .glance{background:#f2f6fa;border-left:4px solid var(--accent);padding:.4rem .9rem;margin:1rem 0;font-size:1.05rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.95rem}
        dt{font-weight:600}dd{margin:0}
        figure{margin:1.25rem 0}
        .table-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        figure svg{display:block;width:100%;height:auto}
        .chart-narrow{display:none}
        figcaption{color:var(--muted);font-size:.875rem;margin-top:.25rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top}
        th{font-weight:600;border-bottom:2px solid #999;white-space:nowrap}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.count{font-variant-numeric:tabular-nums;min-width:12rem;max-width:22rem}
        @media (min-width:64rem){.wide-table{width:min(96vw,90rem);margin-left:calc(50% - min(48vw,45rem))}table.provenance td:nth-child(5),table.provenance td:nth-child(6),table.provenance td:nth-child(7){white-space:nowrap}table.provenance td:last-child{min-width:22rem}}
        .flag{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .35rem;border-radius:.25rem;background:#fde8d8;color:#8a3b00;margin:0 .2rem .2rem 0}
        .ok{color:#1d6b3a}.reference{font-weight:600;color:#0b4f8a}
        tr.retracted td,tr.superseded td{color:var(--muted);text-decoration:line-through}
        tr.retracted td:last-child,tr.superseded td:last-child{text-decoration:none}
        ul.why{font-size:.9rem;padding-left:1.2rem}
        .toc{padding-left:1.2rem}
        .bar{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.2rem 0 .6rem}
        .zone{margin:.3rem 0 .8rem}
        .zone input{font:inherit;max-width:60vw}
        tr.this{background:#fff7d6}
        q{font-style:italic}
        a{color:var(--accent)}
        footer{margin-top:3rem;padding-bottom:2rem;font-size:.9rem;color:var(--muted)}
        @media (max-width:600px){.chart-wide{display:none}.chart-narrow{display:block}body{font-size:15px}
        table,tbody,tr,td{display:block}thead{display:none}tr{padding:.45rem 0;border-bottom:1px solid var(--rule)}
        td{border:none;padding:.05rem 0;text-align:left}td.num{text-align:left}td::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}h1{font-size:1.45rem}dl.facts{grid-template-columns:1fr}dt{margin-top:.35rem}}
        @media print{body{font-size:10.5pt}header,main,footer{max-width:none;padding:0}.table-scroll{overflow:visible}.chart-wide{display:block}.chart-narrow{display:none}figure,tr,.glance{break-inside:avoid}h2,h3,h4{break-after:avoid}section+section h2{break-before:page}a{color:inherit;text-decoration:none}.glance{background:none}}
        """
}

/// The report's style sheet, for other pages that should look like it (the web service's).
public enum PageStyle {
    public static var css: String { ReportTemplate.css }

    /// A form that reloads the page with `?tz=` (no script), showing the zone times are in now.
    public static func zoneForm() -> String {
        """
        <form method="get" class="zone"><label>Times in <input name="tz" value="\(escape(TimeFormatting.zoneLabel))" size="18" aria-label="IANA time zone"/></label> <button type="submit">Show</button></form>
        """
    }

    /// Text made safe inside HTML elements and quoted attributes (the charts' own escaping).
    public static func escape(_ text: String) -> String { PetitionsReports.escape(text) }
}
