"""The stages of the flow, in order: read → parse → quotes → direct (cue and speaker of
quoted speech, through ``cues``) → indirect → resolve → situate.  ``onrecord.pipeline``
runs them; each reads the parsed article's context (``parse.context``)."""
