// The skills taxonomy in both languages (core/taxonomy.hpp): DigComp 2.2's competences with
// their official English names (and our French), the banking and business topics, the areas,
// and the proficiency levels 0–8.
#include "core/messages.hpp"

namespace binome::core {

namespace {

constexpr MessageText kTaxonomyMessages[] = {
    // Areas.
    {"skill_area.digcomp.1", "Information and data literacy", "Informations et données"},
    {"skill_area.digcomp.2", "Communication and collaboration", "Communication et collaboration"},
    {"skill_area.digcomp.3", "Digital content creation", "Création de contenus numériques"},
    {"skill_area.digcomp.4", "Safety", "Protection et sécurité"},
    {"skill_area.digcomp.5", "Problem solving", "Résolution de problèmes"},
    {"skill_area.banking", "Digital banking", "Banque numérique"},
    {"skill_area.business", "The business of the bank", "Les métiers de la banque"},
    {"skill_area.custom", "The program's own skills", "Compétences propres au programme"},
    // DigComp 2.2.
    {"skill.digcomp.1.1", "Browsing, searching and filtering data, information and digital content",
     "Naviguer, rechercher et filtrer des données, des informations et des contenus numériques"},
    {"skill.digcomp.1.2", "Evaluating data, information and digital content",
     "Évaluer des données, des informations et des contenus numériques"},
    {"skill.digcomp.1.3", "Managing data, information and digital content",
     "Gérer des données, des informations et des contenus numériques"},
    {"skill.digcomp.2.1", "Interacting through digital technologies", "Interagir au moyen des technologies numériques"},
    {"skill.digcomp.2.2", "Sharing through digital technologies", "Partager au moyen des technologies numériques"},
    {"skill.digcomp.2.3", "Engaging in citizenship through digital technologies",
     "S’engager dans la citoyenneté au moyen des technologies numériques"},
    {"skill.digcomp.2.4", "Collaborating through digital technologies", "Collaborer au moyen des technologies numériques"},
    {"skill.digcomp.2.5", "Netiquette", "Nétiquette"},
    {"skill.digcomp.2.6", "Managing digital identity", "Gérer son identité numérique"},
    {"skill.digcomp.3.1", "Developing digital content", "Développer des contenus numériques"},
    {"skill.digcomp.3.2", "Integrating and re-elaborating digital content", "Intégrer et retravailler des contenus numériques"},
    {"skill.digcomp.3.3", "Copyright and licences", "Droits d’auteur et licences"},
    {"skill.digcomp.3.4", "Programming", "Programmation"},
    {"skill.digcomp.4.1", "Protecting devices", "Protéger les appareils"},
    {"skill.digcomp.4.2", "Protecting personal data and privacy", "Protéger les données personnelles et la vie privée"},
    {"skill.digcomp.4.3", "Protecting health and well-being", "Protéger la santé et le bien-être"},
    {"skill.digcomp.4.4", "Protecting the environment", "Protéger l’environnement"},
    {"skill.digcomp.5.1", "Solving technical problems", "Résoudre des problèmes techniques"},
    {"skill.digcomp.5.2", "Identifying needs and technological responses", "Identifier des besoins et des réponses technologiques"},
    {"skill.digcomp.5.3", "Creatively using digital technologies", "Utiliser les technologies numériques de manière créative"},
    {"skill.digcomp.5.4", "Identifying digital competence gaps", "Identifier les lacunes en compétences numériques"},
    // Banking digital topics.
    {"skill.bank.genai_data", "Generative AI and data", "IA générative et données"},
    {"skill.bank.cybersecurity_fraud", "Cybersecurity and fraud", "Cybersécurité et fraude"},
    {"skill.bank.open_banking_apis", "Open banking and APIs", "Open banking et API"},
    {"skill.bank.mobile_channels", "Mobile and digital channels", "Mobile et canaux numériques"},
    {"skill.bank.social_media_brand", "Social media and personal brand", "Réseaux sociaux et marque personnelle"},
    {"skill.bank.collaboration_tools", "Collaboration tools", "Outils collaboratifs"},
    {"skill.bank.agile", "Agile and modern project management", "Agilité et gestion de projet moderne"},
    {"skill.bank.fintech_trends", "Fintech trends", "Tendances fintech"},
    {"skill.bank.automation_low_code", "Automation and low-code", "Automatisation et low-code"},
    // The business, taught back.
    {"skill.business.business_lines", "The bank's business lines", "Les métiers de la banque"},
    {"skill.business.risk_regulation", "Risk and regulation (KYC, AML)", "Risques et réglementation (KYC, LCB-FT)"},
    {"skill.business.client_relationship", "Client relationship", "Relation client"},
    {"skill.business.leadership_influence", "Leadership and influence", "Leadership et influence"},
    {"skill.business.organisation", "How the organisation works", "Le fonctionnement de l’organisation"},
    {"skill.business.credit", "How a credit decision is made", "Comment se prend une décision de crédit"},
    {"skill.business.bank_economics", "How the bank earns money", "Comment la banque gagne de l’argent"},
    // Proficiency.
    {"skill_level.0", "None (0)", "Aucun (0)"},
    {"skill_level.1", "Foundation (1)", "Fondamental (1)"},
    {"skill_level.2", "Foundation (2)", "Fondamental (2)"},
    {"skill_level.3", "Intermediate (3)", "Intermédiaire (3)"},
    {"skill_level.4", "Intermediate (4)", "Intermédiaire (4)"},
    {"skill_level.5", "Advanced (5)", "Avancé (5)"},
    {"skill_level.6", "Advanced (6)", "Avancé (6)"},
    {"skill_level.7", "Highly specialised (7)", "Hautement spécialisé (7)"},
    {"skill_level.8", "Highly specialised (8)", "Hautement spécialisé (8)"},
    {"skill_level_description.0", "I have not done this yet", "Je ne l’ai encore jamais fait"},
    {"skill_level_description.1", "Simple tasks, with someone guiding me", "Des tâches simples, guidé par quelqu’un"},
    {"skill_level_description.2", "Simple tasks, on my own, with guidance when I need it",
     "Des tâches simples, seul, avec de l’aide au besoin"},
    {"skill_level_description.3", "Well-defined, routine tasks, on my own", "Des tâches courantes et bien définies, seul"},
    {"skill_level_description.4", "Tasks and well-defined problems that are not routine, independently",
     "Des tâches et des problèmes bien définis mais inhabituels, en autonomie"},
    {"skill_level_description.5", "Different tasks and problems, and I guide others",
     "Des tâches et des problèmes variés, et j’accompagne les autres"},
    {"skill_level_description.6", "The most fitting approach for complex situations, and I adapt it for others",
     "L’approche la plus adaptée aux situations complexes, et je l’adapte pour les autres"},
    {"skill_level_description.7", "Complex problems with few solutions; I contribute to professional practice",
     "Des problèmes complexes aux solutions rares\u202F; je contribue à la pratique professionnelle"},
    {"skill_level_description.8", "Complex problems with many interacting factors; I propose new ideas",
     "Des problèmes complexes aux nombreux facteurs en interaction\u202F; je propose des idées nouvelles"},
};

}  // namespace

std::span<const MessageText> taxonomy_messages() { return kTaxonomyMessages; }

}  // namespace binome::core
